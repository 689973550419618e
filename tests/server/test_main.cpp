// doctest entry point of each server integration test executable.
// (Every test file is linked with this into its own binary and CTest test.)
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
