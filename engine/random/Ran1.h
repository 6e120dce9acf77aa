#pragma once
// The reference uniform generator ran1 (docs/physics.md §12.1): Park–Miller minimal standard with a
// 32-entry Bays–Durham shuffle. Every stream (misset, mosaic, noise) keeps its own seed variable
// but all of them share ONE shuffle table, exactly like the reference program, so that streams
// run in the same order produce the same numbers.

namespace bragg {

// The shared shuffle state. iy == 0 means "not initialised yet".
struct Ran1Table {
    long long iy = 0;
    long long iv[32] = {};
};

// One uniform deviate in (0,1), single precision. A non-positive idum (or an uninitialised
// table) re-seeds the table from -idum; the seed variable then keeps advancing in place.
float ran1(long long& idum, Ran1Table& table);

}  // namespace bragg
