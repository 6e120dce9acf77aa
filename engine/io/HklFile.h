#pragma once
// Structure factors: the "h k l F" text file and its binary cache Fdump.bin (docs/formats.md §1, §2).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace bragg::io {

// Dense F table over the inclusive Miller index box [hmin,hmax] x [kmin,kmax] x [lmin,lmax].
struct HklTable {
    int hmin = 0, hmax = -1, kmin = 0, kmax = -1, lmin = 0, lmax = -1;
    std::vector<double> F;  // index ((h-hmin)*kRange + (k-kmin))*lRange + (l-lmin)

    int hRange() const { return hmax - hmin + 1; }
    int kRange() const { return kmax - kmin + 1; }
    int lRange() const { return lmax - lmin + 1; }
    bool contains(int h, int k, int l) const {
        return h >= hmin && h <= hmax && k >= kmin && k <= kmax && l >= lmin && l <= lmax;
    }
    std::size_t index(int h, int k, int l) const {
        return (std::size_t(h - hmin) * std::size_t(kRange()) + std::size_t(k - kmin)) *
                   std::size_t(lRange()) +
               std::size_t(l - lmin);
    }
    // Unchecked (hot path): the caller must test contains() first.
    double at(int h, int k, int l) const { return F[index(h, k, l)]; }
};

// Reads a text HKL file: one record "h k l F" per non-blank line, exactly four numbers, integer
// Miller indices ("1.0" is accepted). Cells without a record hold defaultF (may be 0); a repeated
// index keeps the last value. Stricter than the original (which reads a free stream of numbers
// four at a time): a line with another field count, non-numeric text or a fractional index is
// an inputError "<path>:<line>: <problem>". An empty file or one without records is an error.
// A file that starts with an Fdump.bin header is read as that cache instead (defaultF unused),
// so `-hkl Fdump.bin` works. The table is dense over the records' index box: one larger than the
// memory budget (core/MemoryGuard.h) is Error(Resource).
HklTable readHkl(const std::string& path, double defaultF);

// readHkl() on bytes already in memory; `name` stands for the file in messages.
HklTable parseHkl(const std::string& name, std::string_view bytes, double defaultF);

// Writes the Fdump.bin cache (docs/formats.md §2, little-endian float64 with the (R+1)^3 padding
// layout the original uses), atomically. The table must be non-empty and consistent.
void writeFdump(const std::string& path, const HklTable& table);

}  // namespace bragg::io
