#pragma once
// Small helpers shared by the io_*_test files: scratch files and the Input-error message of a call.
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
