// Frame timing records: a bounded list of the latest frames and running counts.
#include "frame_stats.hpp"

namespace parley::web {

void FrameStats::drawn(double start_ms, double cpu_ms, double app_ms) {
  ++drawn_;
  if (first_frame_end_ < 0) first_frame_end_ = start_ms + cpu_ms;
  if (frames_.size() >= kKept) frames_.erase(frames_.begin(), frames_.begin() + kKept / 2);
  frames_.push_back(Frame{start_ms, cpu_ms, app_ms});
}

Json FrameStats::take(bool reset, std::size_t heap_bytes) {
  Json frames = Json::array();
  for (const Frame& f : frames_) frames.push_back(Json::array({f.start, f.cpu, f.app}));
  Json out{{"loops", loops_},
           {"drawn", drawn_},
           {"first_frame_ms", first_frame_end_},
           {"frames", std::move(frames)},
           {"heap_bytes", heap_bytes}};
  if (reset) {
    frames_.clear();
    loops_ = 0;
    drawn_ = 0;
  }
  return out;
}

}  // namespace parley::web
