// Overloaded{lambdas...}: one visitor for std::visit made of several lambdas, one per alternative.
// Header-only; no state of its own.
#pragma once

namespace parley {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace parley
