// The .npy reader (ports hand over NumPy arrays): float32 and float64 (narrowed, with a note),
// versions 1 and 2, and every malformed file refused with a message naming it.
#include <QtTest>

#include <cstring>
#include <string>

#include "core/Error.h"
#include "io/Npy.h"

using namespace bragg;

namespace {

// A .npy file: magic, version, header (dict padded to a multiple of 64 bytes), data.
std::string npy(const std::string& dict, const std::string& data, int major = 1) {
    const std::size_t prefix = major == 1 ? 10 : 12;
    std::string header = dict;
    while ((prefix + header.size() + 1) % 64 != 0) header += ' ';
    header += '\n';
    std::string out = std::string("\x93NUMPY", 6) + char(major) + '\0';
    const std::size_t n = header.size();
    out += char(n & 0xFF), out += char((n >> 8) & 0xFF);
    if (major != 1) out += '\0', out += '\0';
    return out + header + data;
}

template <class T>
std::string values(std::initializer_list<T> v) {
    std::string s;
    for (T x : v) s.append(reinterpret_cast<const char*>(&x), sizeof x);  // the test host is little-endian
    return s;
}

}  // namespace

class IoNpyTest : public QObject {
    Q_OBJECT
private slots:
    void float32SlowFast() {
        const io::NpyImage r =
            io::parseNpyImage("a.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
                                           values<float>({1, 2, 3, 4, 5, 6})));
        QCOMPARE(r.image.fpixels, 3);
        QCOMPARE(r.image.spixels, 2);
        QCOMPARE(r.image.at(2, 0), 3.0f);
        QCOMPARE(r.image.at(0, 1), 4.0f);  // C order: slow-major, the fast index runs fastest
        QVERIFY(r.notes.empty());
    }

    void float64IsNarrowedWithANote() {
        const io::NpyImage r =
            io::parseNpyImage("b.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2)}",
                                           values<double>({0.1, 1e300}), 2));
        QCOMPARE(r.image.at(0, 0), 0.1f);
        QVERIFY(std::isinf(r.image.at(1, 0)));
        QCOMPARE(r.notes.size(), std::size_t(1));
        QVERIFY(QString::fromStdString(r.notes[0]).contains("float64 narrowed to float32"));
    }

    void malformedFilesAreRefused_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        const auto row = [](const char* name, const std::string& bytes, const char* message) {
            QTest::newRow(name) << QByteArray(bytes.data(), qsizetype(bytes.size())) << QString(message);
        };
        const std::string six = values<float>({1, 2, 3, 4, 5, 6});
        row("not npy", "P6 binary", "not a .npy file");
        row("big-endian", npy("{'descr': '>f4', 'fortran_order': False, 'shape': (2, 3), }", six), "'>f4'");
        row("integers", npy("{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }", six), "'<i4'");
        row("fortran", npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", six),
            "Fortran order");
        row("3-D", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 3), }", six), "not 2-D");
        row("short", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 4), }", six),
            "needs 2 x 4 x 4");
        row("huge shape",
            npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2000000000, 2000000000), }", six),
            "needs");
        row("no shape", npy("{'descr': '<f4', 'fortran_order': False}", six), "no 'shape'");
        row("truncated header", std::string("\x93NUMPY\x01\x00\xff\x00{'descr'", 18), "truncated");
    }
    void malformedFilesAreRefused() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        try {
            io::parseNpyImage("bad.npy", std::string_view(bytes.constData(), std::size_t(bytes.size())));
            QFAIL("accepted");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).startsWith("bad.npy: ") && QString(e.what()).contains(message),
                     e.what());
        }
    }
};

QTEST_GUILESS_MAIN(IoNpyTest)
#include "io_npy_test.moc"
