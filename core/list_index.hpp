// Keeps State::lists (the ordered indexes behind core/views) in step with one chat: apply() calls
// file_chat for every chat an event touches. Deterministic; costs O(log n + chunk) per list moved.
#pragma once
#include "model.hpp"

namespace parley {

// Takes the chat out of the lists it was filed under and files it by its current keys.
void file_chat(State& state, ChatIx chat);
// Takes the chat out of every list (a replica forgetting it); file_chat files it again.
void unfile_chat(State& state, ChatIx chat);

}  // namespace parley
