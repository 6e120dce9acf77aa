#include "params/Params.h"

namespace bragg {

// The spellings match the nanoBragg flags (-mosflm, -pivot beam, -round_xtal, ...).
const char* toString(Convention c) {
    switch (c) {
        case Convention::Mosflm:
            return "mosflm";
        case Convention::Denzo:
            return "denzo";
        case Convention::Adxv:
            return "adxv";
        case Convention::Xds:
            return "xds";
        case Convention::Dials:
            return "dials";
        case Convention::Custom:
            return "custom";
    }
    return "?";
}

const char* toString(Pivot p) {
    switch (p) {
        case Pivot::Beam:
            return "beam";
        case Pivot::Sample:
            return "sample";
    }
    return "?";
}

const char* toString(CrystalShape s) {
    switch (s) {
        case CrystalShape::Square:
            return "square";
        case CrystalShape::Round:
            return "round";
        case CrystalShape::Gauss:
            return "gauss";
        case CrystalShape::Tophat:
            return "tophat";
    }
    return "?";
}

}  // namespace bragg
