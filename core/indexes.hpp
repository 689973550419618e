// Distinct index types for agents, groups, chats and messages, and the tables they index.
// An index of one kind cannot index another kind's table; kNoIndex is the "none" of every kind.
#pragma once
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

namespace parley {

struct NoIndex {};
inline constexpr NoIndex kNoIndex{};

template <class Tag>
class Ix {
 public:
  constexpr Ix() = default;
  constexpr Ix(NoIndex) {}
  constexpr explicit Ix(std::size_t value) : value_(static_cast<std::uint32_t>(value)) {}

  constexpr std::uint32_t value() const { return value_; }
  constexpr bool valid() const { return value_ != kNone; }

  friend constexpr auto operator<=>(Ix, Ix) = default;
  friend constexpr bool operator==(Ix, Ix) = default;
  friend constexpr bool operator==(Ix a, NoIndex) { return !a.valid(); }

 private:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  std::uint32_t value_ = kNone;
};

using AgentIx = Ix<struct AgentTag>;
using GroupIx = Ix<struct GroupTag>;
using ChatIx = Ix<struct ChatTag>;
using MessageIx = Ix<struct MessageTag>;

// The indexes 0..n-1 of a table, for range-for.
template <class I>
class IndexRange {
 public:
  class iterator {
   public:
    explicit iterator(std::size_t at) : at_(at) {}
    I operator*() const { return I{at_}; }
    iterator& operator++() {
      ++at_;
      return *this;
    }
    bool operator!=(const iterator& other) const { return at_ != other.at_; }

   private:
    std::size_t at_;
  };
  explicit IndexRange(std::size_t size) : size_(size) {}
  iterator begin() const { return iterator{0}; }
  iterator end() const { return iterator{size_}; }

 private:
  std::size_t size_;
};

// A vector of T that only an index of kind I can subscript.
template <class T, class I>
class Table {
 public:
  using value_type = T;
  T& operator[](I ix) { return items_[ix.value()]; }
  const T& operator[](I ix) const { return items_[ix.value()]; }
  std::size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  I next_index() const { return I{items_.size()}; }
  I last_index() const { return I{items_.size() - 1}; }
  IndexRange<I> indices() const { return IndexRange<I>{items_.size()}; }
  bool contains(I ix) const { return ix.valid() && ix.value() < items_.size(); }

  friend bool operator==(const Table&, const Table&) = default;

  T& push_back(T item) {
    items_.push_back(std::move(item));
    return items_.back();
  }
  template <class... Args>
  T& emplace_back(Args&&... args) {
    return items_.emplace_back(std::forward<Args>(args)...);
  }
  T& back() { return items_.back(); }
  const T& back() const { return items_.back(); }
  void reserve(std::size_t n) { items_.reserve(n); }
  void resize(std::size_t n) { items_.resize(n); }
  void clear() { items_.clear(); }
  auto begin() { return items_.begin(); }
  auto end() { return items_.end(); }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }
  auto rbegin() const { return items_.rbegin(); }
  auto rend() const { return items_.rend(); }

 private:
  std::vector<T> items_;
};

}  // namespace parley

template <class Tag>
struct std::hash<parley::Ix<Tag>> {
  std::size_t operator()(parley::Ix<Tag> ix) const noexcept { return std::hash<std::uint32_t>{}(ix.value()); }
};
