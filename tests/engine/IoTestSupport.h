#pragma once
// Small helpers shared by the engine tests: scratch files (an HKL table among them) and the
// Input-error message of a call.
#include <QString>
#include <QTemporaryDir>

#include <fstream>
#include <sstream>
#include <string>

#include "core/Error.h"

namespace iotest {

inline std::string writeFile(const QTemporaryDir& dir, const QString& name, const std::string& bytes) {
    const std::string path = dir.filePath(name).toStdString();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

// A P1 HKL table covering -4..4 with varied F, so interpolation leaves its range on most of a
// detector.
inline std::string writeSmallHkl(const QTemporaryDir& dir) {
    std::ostringstream out;
    for (int h = -4; h <= 4; ++h)
        for (int k = -4; k <= 4; ++k)
            for (int l = -4; l <= 4; ++l)
                out << h << ' ' << k << ' ' << l << ' ' << 10 + (h * 7 + k * 3 + l * 5 + 100) % 37 << '\n';
    return writeFile(dir, "small.hkl", out.str());
}

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The message of the bragg::Error(Input) that f throws, "<wrong kind>" or "<none>".
template <class F>
QString inputErrorOf(F&& f) {
    try {
        f();
    } catch (const bragg::Error& e) {
        return e.kind() == bragg::ErrorKind::Input ? QString::fromStdString(e.what()) : "<wrong kind>";
    }
    return "<none>";
}

}  // namespace iotest
