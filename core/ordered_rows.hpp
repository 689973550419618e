// OrderedRows<T>: a sorted set kept in chunks of at most kMaxChunk values, with rank queries (how
// many values are below x, the value at position k) besides set-like insert/erase/iteration.
// Deterministic plain data; insert and erase cost O(log n + chunk + n/chunk), rank queries O(log n).
#pragma once
#include <algorithm>
#include <cstddef>
#include <iterator>
#include <vector>

namespace parley {

template <class T>
class OrderedRows {
 public:
  static constexpr std::size_t kMaxChunk = 512;

  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = const T*;
    using reference = const T&;

    const_iterator() = default;
    reference operator*() const { return (*chunks_)[chunk_][pos_]; }
    pointer operator->() const { return &**this; }
    const_iterator& operator++() {
      if (++pos_ == (*chunks_)[chunk_].size()) {
        ++chunk_;
        pos_ = 0;
      }
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator before = *this;
      ++*this;
      return before;
    }
    friend bool operator==(const const_iterator& a, const const_iterator& b) {
      return a.chunk_ == b.chunk_ && a.pos_ == b.pos_;
    }

   private:
    friend class OrderedRows;
    const_iterator(const std::vector<std::vector<T>>* chunks, std::size_t chunk, std::size_t pos)
        : chunks_(chunks), chunk_(chunk), pos_(pos) {}
    const std::vector<std::vector<T>>* chunks_ = nullptr;
    std::size_t chunk_ = 0, pos_ = 0;
  };
  using iterator = const_iterator;
  using value_type = T;

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const_iterator begin() const { return const_iterator(&chunks_, 0, 0); }
  const_iterator end() const { return const_iterator(&chunks_, chunks_.size(), 0); }

  // True if `value` was not there yet.
  bool insert(const T& value) {
    if (chunks_.empty()) {
      chunks_.push_back({value});
      starts_.push_back(0);
      size_ = 1;
      return true;
    }
    const std::size_t c = chunk_for(value);
    std::vector<T>& chunk = chunks_[c];
    const auto at = std::lower_bound(chunk.begin(), chunk.end(), value);
    if (at != chunk.end() && !(value < *at)) return false;
    chunk.insert(at, value);
    ++size_;
    for (std::size_t i = c + 1; i < starts_.size(); ++i) ++starts_[i];
    if (chunk.size() > kMaxChunk) {
      std::vector<T> upper(chunk.begin() + static_cast<std::ptrdiff_t>(kMaxChunk / 2), chunk.end());
      chunk.resize(kMaxChunk / 2);
      chunks_.insert(chunks_.begin() + static_cast<std::ptrdiff_t>(c) + 1, std::move(upper));
      starts_.insert(starts_.begin() + static_cast<std::ptrdiff_t>(c) + 1, starts_[c] + kMaxChunk / 2);
    }
    return true;
  }

  // True if `value` was there.
  bool erase(const T& value) {
    if (chunks_.empty()) return false;
    const std::size_t c = chunk_for(value);
    std::vector<T>& chunk = chunks_[c];
    const auto at = std::lower_bound(chunk.begin(), chunk.end(), value);
    if (at == chunk.end() || value < *at) return false;
    chunk.erase(at);
    --size_;
    for (std::size_t i = c + 1; i < starts_.size(); ++i) --starts_[i];
    if (chunk.empty()) {
      chunks_.erase(chunks_.begin() + static_cast<std::ptrdiff_t>(c));
      starts_.erase(starts_.begin() + static_cast<std::ptrdiff_t>(c));
    } else if (c + 1 < chunks_.size() && chunk.size() + chunks_[c + 1].size() <= kMaxChunk / 2) {
      chunk.insert(chunk.end(), chunks_[c + 1].begin(), chunks_[c + 1].end());
      chunks_.erase(chunks_.begin() + static_cast<std::ptrdiff_t>(c) + 1);
      starts_.erase(starts_.begin() + static_cast<std::ptrdiff_t>(c) + 1);
    }
    return true;
  }

  bool contains(const T& value) const {
    if (chunks_.empty()) return false;
    const std::vector<T>& chunk = chunks_[chunk_for(value)];
    return std::binary_search(chunk.begin(), chunk.end(), value);
  }

  // How many values are below `value`.
  std::size_t count_less(const T& value) const {
    if (chunks_.empty()) return 0;
    const std::size_t c = chunk_for(value);
    const std::vector<T>& chunk = chunks_[c];
    return starts_[c] + static_cast<std::size_t>(std::lower_bound(chunk.begin(), chunk.end(), value) - chunk.begin());
  }

  // The value at position k (k < size()), and an iterator there (k ≤ size()).
  const T& at(std::size_t k) const { return *iterator_at(k); }
  const_iterator iterator_at(std::size_t k) const {
    if (k >= size_) return end();
    const auto after = std::upper_bound(starts_.begin(), starts_.end(), k);  // the first chunk starting past k
    const std::size_t c = static_cast<std::size_t>(after - starts_.begin()) - 1;
    return const_iterator(&chunks_, c, k - starts_[c]);
  }

 private:
  // The chunk whose range holds `value` (or where it would go): the first whose last value is not
  // below it, else the last chunk.
  std::size_t chunk_for(const T& value) const {
    const auto found = std::lower_bound(chunks_.begin(), chunks_.end(), value,
                                        [](const std::vector<T>& chunk, const T& v) { return chunk.back() < v; });
    return found == chunks_.end() ? chunks_.size() - 1 : static_cast<std::size_t>(found - chunks_.begin());
  }

  std::vector<std::vector<T>> chunks_;
  std::vector<std::size_t> starts_;  // starts_[c]: how many values the chunks before c hold
  std::size_t size_ = 0;
};

}  // namespace parley
