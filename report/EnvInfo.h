#pragma once
// env.json: what a benchmark or parity result depends on — compiler and flags, build type, git
// commit, CPU model, instruction sets (compiled for / available), thread count.
#include <nlohmann/json.hpp>

namespace bragg::report {

nlohmann::ordered_json environmentJson();

}  // namespace bragg::report
