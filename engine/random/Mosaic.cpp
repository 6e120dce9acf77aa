#include "random/Mosaic.h"

#include <cmath>
#include <numbers>

namespace bragg {

Mat3 mosaicRotation(double spreadRad, long long& idum, Ran1Table& table) {
    const double r1 = 2.0 * double(ran1(idum, table)) - 1.0;
    const double r2 = 2.0 * double(ran1(idum, table)) - 1.0;
    const double r3 = 2.0 * double(ran1(idum, table)) - 1.0;

    // The reference evaluates the angle in float (float spread, powf); keep that rounding.
    const float wf = static_cast<float>(spreadRad) *
                     std::pow(static_cast<float>(1.0 - r3 * r3), static_cast<float>(1.0 / 3.0));
    const double w = wf;

    const double xy = std::sqrt(1.0 - r2 * r2);
    const double e1 = xy * std::sin(std::numbers::pi * r1);
    const double e2 = xy * std::cos(std::numbers::pi * r1);
    const double e3 = r2;

    const double c = std::cos(w), s = std::sin(w), C = 1.0 - c;
    Mat3 u;
    u << c + C * e1 * e1, C * e1 * e2 - s * e3, C * e1 * e3 + s * e2, C * e1 * e2 + s * e3, c + C * e2 * e2,
        C * e2 * e3 - s * e1, C * e1 * e3 - s * e2, C * e2 * e3 + s * e1, c + C * e3 * e3;
    return u;
}

std::vector<Mat3> mosaicDomains(int count, double spreadRad, long long& idum, Ran1Table& table) {
    std::vector<Mat3> mats;
    mats.reserve(count > 0 ? std::size_t(count) : 0);
    for (int k = 0; k < count; ++k) mats.push_back(mosaicRotation(spreadRad, idum, table));
    if (!mats.empty()) mats[0] = Mat3::Identity();  // its draws are still consumed
    return mats;
}

std::array<double, 3> matrixToXyzAngles(const Mat3& uIn) {
    Mat3 u = uIn;
    for (int i = 0; i < 3; ++i) {
        const double len = u.row(i).norm();
        if (len > 0.0) u.row(i) /= len;
    }
    if (u(2, 0) * u(2, 0) >= 1.0) {
        // Gimbal lock: the reference's fixed choice.
        return {std::numbers::pi, std::numbers::pi / 2.0, std::atan2(u(0, 1), -u(1, 1))};
    }
    const double rx = std::atan2(u(2, 1), u(2, 2));
    const double ry = std::atan2(-u(2, 0), std::sqrt(u(2, 1) * u(2, 1) + u(2, 2) * u(2, 2)));
    const double rz = std::atan2(u(1, 0), u(0, 0));
    return {rx, ry, rz};
}

std::array<double, 3> randomMissetAnglesRad(long long& idum, Ran1Table& table) {
    // Literal 90 "radians": the reference passes 90 where the generator expects radians.
    return matrixToXyzAngles(mosaicRotation(90.0, idum, table));
}

}  // namespace bragg
