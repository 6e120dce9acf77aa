#pragma once
// Little-endian encoding of binary file data. Every BraggStudio binary output is little-endian
// (docs/formats.md §10: the reference files come from x86-64 hosts), whatever the host's own order.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>

namespace bragg::io {

namespace detail {
template <class T>
using UIntOfSize = std::conditional_t<sizeof(T) == 2, std::uint16_t,
                                      std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>>;
}  // namespace detail

// Append `value` (uint16, float, double, ...) to `out` as little-endian bytes.
template <class T>
void appendLE(std::string& out, T value) {
    static_assert(sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8);
    using U = detail::UIntOfSize<T>;
    U bits = std::bit_cast<U>(value);
    char bytes[sizeof(T)];
    for (std::size_t i = 0; i < sizeof(T); ++i) bytes[i] = char((bits >> (8 * i)) & 0xFFu);
    out.append(bytes, sizeof(T));
}

// Decode a little-endian value of type T from sizeof(T) bytes at `p`.
template <class T>
T loadLE(const char* p) {
    static_assert(sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8);
    using U = detail::UIntOfSize<T>;
    U bits = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i) bits |= U(static_cast<unsigned char>(p[i])) << (8 * i);
    return std::bit_cast<T>(bits);
}

}  // namespace bragg::io
