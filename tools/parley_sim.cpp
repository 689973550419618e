// parley-sim: the scenario runner. Reads a scenario (JSON Lines) from a file argument or stdin and
// writes one JSON line per query and per refused command (SCENARIO.md). Same source native and wasm.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "scenario.hpp"

int main(int argc, char** argv) {
  std::ifstream file;
  if (argc > 1) {
    file.open(argv[1]);
    if (!file) {
      std::fprintf(stderr, "parley-sim: cannot open %s\n", argv[1]);
      return 2;
    }
  }
  std::istream& in = argc > 1 ? static_cast<std::istream&>(file) : std::cin;
  parley::ScenarioRunner runner;
  std::string line;
  std::string out;
  while (std::getline(in, line)) {
    if (auto printed = runner.feed(line)) {
      out += *printed;
      out += '\n';
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}
