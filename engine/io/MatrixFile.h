#pragma once
// MOSFLM-style orientation matrix file for -mat (docs/formats.md §3).
#include <array>
#include <string>
#include <string_view>

namespace bragg::io {

// The first nine whitespace-separated numbers of `path`; the rest of the file is ignored.
// Element n is row n/3, column n%3 of the matrix whose columns are a*, b*, c* (times λ0 in Å),
// so the array is that matrix in row-major order:
//   [0] a*_x [1] b*_x [2] c*_x / [3] a*_y [4] b*_y [5] c*_y / [6] a*_z [7] b*_z [8] c*_z
// Unlike the original, which silently ignores an unreadable or short file (leaving a degenerate
// cell), an unopenable file, fewer than nine numbers, or a non-numeric token among the first
// nine is an inputError.
std::array<double, 9> readMosflmMatrix(const std::string& path);

// readMosflmMatrix() on bytes already in memory; `name` stands for the file in messages.
std::array<double, 9> parseMosflmMatrix(const std::string& name, std::string_view bytes);

}  // namespace bragg::io
