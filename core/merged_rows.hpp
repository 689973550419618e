// MergedRows<T>: several disjoint OrderedRows seen as one sorted sequence without copying them:
// its size, any slice of it (found by rank: O(m² log² n) plus its length) and where a value is.
// Holds pointers to the sources: valid only while they are unchanged.
#pragma once
#include <algorithm>
#include <cstddef>
#include <optional>
#include <vector>

#include "ordered_rows.hpp"

namespace parley {

template <class T>
class MergedRows {
 public:
  void add(const OrderedRows<T>& rows) {
    if (!rows.empty()) sources_.push_back(&rows);
    size_ += rows.size();
  }
  std::size_t size() const { return size_; }

  // The position of `value` in the merged sequence, or nullopt if no source holds it.
  std::optional<std::size_t> position(const T& value) const {
    for (const OrderedRows<T>* source : sources_)
      if (source->contains(value)) return rank(value);
    return std::nullopt;
  }

  // Calls `out(value)` for the values at positions [first, first + count), in order.
  template <class F>
  void slice(std::size_t first, std::size_t count, F&& out) const {
    if (first >= size_ || count == 0) return;
    count = std::min(count, size_ - first);
    if (sources_.size() == 1) {
      auto it = sources_[0]->iterator_at(first);
      for (std::size_t i = 0; i < count; ++i, ++it) out(*it);
      return;
    }
    // Positions of the first wanted value in every source, then an m-way merge from there.
    const T start = nth(first);
    std::vector<typename OrderedRows<T>::const_iterator> at, end;
    for (const OrderedRows<T>* source : sources_) {
      at.push_back(source->iterator_at(source->count_less(start)));
      end.push_back(source->end());
    }
    for (std::size_t i = 0; i < count; ++i) {
      std::size_t best = sources_.size();
      for (std::size_t s = 0; s < sources_.size(); ++s)
        if (at[s] != end[s] && (best == sources_.size() || *at[s] < *at[best])) best = s;
      if (best == sources_.size()) return;
      out(*at[best]);
      ++at[best];
    }
  }

 private:
  std::size_t rank(const T& value) const {
    std::size_t below = 0;
    for (const OrderedRows<T>* source : sources_) below += source->count_less(value);
    return below;
  }

  // The value at position k of the merged sequence (k < size()): in the source that holds it, the
  // last value whose merged rank is at most k has rank exactly k.
  T nth(std::size_t k) const {
    for (const OrderedRows<T>* source : sources_) {
      std::size_t lo = 0, hi = source->size();  // first j whose rank exceeds k
      while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (rank(source->at(mid)) <= k) lo = mid + 1;
        else hi = mid;
      }
      if (lo > 0 && rank(source->at(lo - 1)) == k) return source->at(lo - 1);
    }
    return sources_.front()->at(0);  // unreachable for k < size()
  }

  std::vector<const OrderedRows<T>*> sources_;
  std::size_t size_ = 0;
};

}  // namespace parley
