// Frame timings of the main loop, for measuring the workspace (window.parley.frameTimes()): how many
// loop turns and drawn frames, each drawn frame's start, CPU time and the app's part of it (ms, the
// rest is handing the draw lists to WebGL), and when the first frame ended.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "wire.hpp"

namespace parley::web {

class FrameStats {
 public:
  static constexpr std::size_t kKept = 20000;  // frames kept between two take() calls

  void loop() { ++loops_; }
  void drawn(double start_ms, double cpu_ms, double app_ms);
  // {"loops","drawn","first_frame_ms","frames":[[start_ms,cpu_ms,app_ms],…],"heap_bytes"}; `reset`
  // empties the frame list and the counts afterwards.
  Json take(bool reset, std::size_t heap_bytes);

 private:
  struct Frame {
    double start, cpu, app;
  };
  std::vector<Frame> frames_;
  std::uint64_t loops_ = 0, drawn_ = 0;
  double first_frame_end_ = -1;
};

}  // namespace parley::web
