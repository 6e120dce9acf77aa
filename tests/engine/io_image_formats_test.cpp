// TIFF, miniCBF and NeXus NXmx: what is written reads back with the same pixels and the same
// geometry, and every damaged file is refused with one line naming it and the problem.
#include <QtTest>
#include <tuple>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>

#include <hdf5.h>

#include "IoTestSupport.h"
#include "core/Error.h"
#include "io/Cbf.h"
#include "io/Nexus.h"
#include "io/Tiff.h"

using namespace bragg;

namespace {

Image sampleImage(int fast, int slow) {
    Image image(fast, slow);
    for (int s = 0; s < slow; ++s)
        for (int f = 0; f < fast; ++f) image.at(f, s) = float(f * 1000 + s) * 0.37f - 40.5f;
    image.at(1, 0) = 3.0e38f;
    image.at(2, 0) = -1e-30f;
    return image;
}

io::MiniCbfHeader sampleHeader() {
    io::MiniCbfHeader h;
    h.pixelSizeM = 172e-6;
    h.wavelengthA = 0.9795;
    h.distanceM = 0.2501;
    h.beamXPx = 130.25;
    h.beamYPx = 70.5;
    h.exposureS = 0.1;
    h.startAngleDeg = 12.5;
    h.angleIncrementDeg = 0.25;
    h.countCutoff = 1048575;
    h.sensorThicknessM = 450e-6;
    h.timestamp = "2026-12-06T01:02:03.000";
    return h;
}

io::NexusGeometry sampleGeometry(int fast, int slow) {
    io::NexusGeometry g;
    g.fpixels = fast;
    g.spixels = slow;
    g.pixelSizeMm = 0.075;
    g.originMm = {12.5, -40.25, 180.125};
    g.fastAxis = {-0.9961946980917455, 0, 0.08715574274765817};  // turned 5° about y
    g.slowAxis = {0, -1, 0};
    g.distanceMm = 180.5;
    g.wavelengthA = 1.2;
    g.sensorThicknessMm = 0.32;
    g.phiAxis = {-1, 0, 0};
    g.phiStartDeg = 3;
    g.phiIncrementDeg = 0.1;
    return g;
}

std::string truncated(const QTemporaryDir& dir, const std::string& path, double keep) {
    const std::string bytes = iotest::slurp(path);
    return iotest::writeFile(dir,
                             "cut_" + QString::fromStdString(std::filesystem::path(path).filename().string()),
                             bytes.substr(0, std::size_t(double(bytes.size()) * keep)));
}

}  // namespace

class IoImageFormatsTest : public QObject {
    Q_OBJECT
private slots:
    void tiffRoundTripIsExact() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("a.tif").toStdString();
        const Image image = sampleImage(37, 23);
        io::writeTiffFloat(path, image);
        const Image back = io::readTiffImage(path);
        QCOMPARE(back.fpixels, 37);
        QCOMPARE(back.spixels, 23);
        QVERIFY(back.pixels == image.pixels);
    }

    void tiffDamageIsRefused() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("a.tif").toStdString();
        io::writeTiffFloat(path, sampleImage(64, 64));
        const std::string cut = truncated(dir, path, 0.5);
        const QString message = iotest::inputErrorOf([&] { io::readTiffImage(cut); });
        QVERIFY2(message.startsWith(QString::fromStdString(cut) + ": "), qPrintable(message));
        QVERIFY2(message.contains("TIFF"), qPrintable(message));
        const std::string notTiff = iotest::writeFile(dir, "b.tif", "II*\0garbage");
        QVERIFY(iotest::inputErrorOf([&] {
                    io::readTiffImage(notTiff);
                }).startsWith(QString::fromStdString(notTiff)));
    }

    void cbfRoundTripKeepsCountsAndHeader() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("a.cbf").toStdString();
        std::vector<std::int32_t> counts(31 * 17);
        for (std::size_t i = 0; i < counts.size(); ++i) counts[i] = std::int32_t(i * i) % 70001 - 3;
        counts[5] = 2000000000;  // byte-offset's 4-byte escape
        counts[6] = -2000000000;
        io::writeMiniCbf(path, sampleHeader(), 31, 17, counts);
        const io::MiniCbfFile back = io::readMiniCbf(path);
        QCOMPARE(back.width, 31);
        QCOMPARE(back.height, 17);
        QVERIFY(back.pixels == counts);
        const io::MiniCbfHeader& h = back.header;
        QCOMPARE(h.pixelSizeM, 172e-6);
        QCOMPARE(h.wavelengthA, 0.9795);
        QCOMPARE(h.distanceM, 0.2501);
        QCOMPARE(h.beamXPx, 130.25);
        QCOMPARE(h.beamYPx, 70.5);
        QCOMPARE(h.exposureS, 0.1);
        QCOMPARE(h.startAngleDeg, 12.5);
        QCOMPARE(h.angleIncrementDeg, 0.25);
        QCOMPARE(h.countCutoff, 1048575L);
        QCOMPARE(h.sensorThicknessM, 450e-6);
        const std::string text = iotest::slurp(path);
        QVERIFY(text.find("_array_data.header_convention GENERIC_MINI") != std::string::npos);
        QVERIFY(text.find("# 2026-12-06T01:02:03.000\r\n") != std::string::npos);
        QVERIFY(text.find("x-CBF_BYTE_OFFSET") != std::string::npos);
        QVERIFY(text.find("Content-MD5: ") != std::string::npos);
    }

    void cbfDamageIsRefused() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("a.cbf").toStdString();
        std::vector<std::int32_t> counts(64 * 64);
        for (std::size_t i = 0; i < counts.size(); ++i) counts[i] = std::int32_t(i % 977) * 13;
        io::writeMiniCbf(path, sampleHeader(), 64, 64, counts);
        const std::string cut = truncated(dir, path, 0.6);
        QString message = iotest::inputErrorOf([&] { io::readMiniCbf(cut); });
        QVERIFY2(message.startsWith(QString::fromStdString(cut) + ": "), qPrintable(message));

        // One byte of the compressed data changed: the MD5 digest no longer matches.
        std::string bytes = iotest::slurp(path);
        const std::size_t data = bytes.find("\x0c\x1a\x04\xd5");
        QVERIFY(data != std::string::npos);
        bytes[data + 100] = char(bytes[data + 100] ^ 0x55);
        const std::string bad = iotest::writeFile(dir, "md5.cbf", bytes);
        message = iotest::inputErrorOf([&] { io::readMiniCbf(bad); });
        QVERIFY2(message.startsWith(QString::fromStdString(bad) + ": "), qPrintable(message));
        QVERIFY2(message.contains("digest") || message.contains("CBF_FORMAT"), qPrintable(message));

        // The header promises fewer pixels than the binary section holds (no digest to catch it).
        std::string longer = iotest::slurp(path);
        for (const auto& [from, to] :
             {std::pair<std::string, std::string>{"Number-of-Elements: 4096", "Number-of-Elements: 1024"},
              {"Fastest-Dimension: 64", "Fastest-Dimension: 32"},
              {"Second-Dimension: 64", "Second-Dimension: 32"}}) {
            const std::size_t at = longer.find(from);
            QVERIFY2(at != std::string::npos, from.c_str());
            longer.replace(at, from.size(), to);
        }
        const std::size_t md5 = longer.find("Content-MD5: ");
        QVERIFY(md5 != std::string::npos);
        longer.erase(md5, longer.find('\n', md5) + 1 - md5);
        const std::string overlong = iotest::writeFile(dir, "overlong.cbf", longer);
        message = iotest::inputErrorOf([&] { io::readMiniCbf(overlong); });
        QCOMPARE(message, QString::fromStdString(overlong) +
                              ": the binary section holds 4096 pixels, the header says 1024");

        // Each MIME line the reader relies on, damaged: one line naming the problem.
        const std::string good = iotest::slurp(path);
        for (const auto& [from, to, expected] :
             {std::tuple<std::string, std::string, std::string>{
                  "\"signed 32-bit integer\"", "\"signed 64-bit integer\"",
                  ": unsupported element type \"signed 64-bit integer\" (8-, 16- or 32-bit integers are "
                  "read)"},
              {"x-CBF_BYTE_OFFSET", "x-CBF_PACKED", ": unsupported compression \"x-cbf_packed\""},
              {"X-Binary-Size-Fastest-Dimension: 64", "X-Binary-Size-Fastest-Dimension: 6x",
               ": the binary section's x-binary-size-fastest-dimension \"6x\" is not a whole number"},
              {"--CIF-BINARY-FORMAT-SECTION----", "--CIF-BINARY-FORMAT-SECTION-xx-",
               ": truncated: the binary section is not closed after its data"},
              {"###CBF: VERSION", "###CIF: VERSION", ": not a CBF file"}}) {
            std::string damaged = good;
            const std::size_t at = damaged.find(from);
            QVERIFY2(at != std::string::npos, from.c_str());
            damaged.replace(at, from.size(), to);
            const std::string file = iotest::writeFile(dir, "damaged.cbf", damaged);
            message = iotest::inputErrorOf([&] { io::readMiniCbf(file); });
            QVERIFY2(message.startsWith(QString::fromStdString(file + expected)), qPrintable(message));
        }

        const std::string notCbf =
            iotest::writeFile(dir, "c.cbf", "###CBF: VERSION 1.5\ndata_x\n_foo.bar 1\n");
        message = iotest::inputErrorOf([&] { io::readMiniCbf(notCbf); });
        QVERIFY2(message.contains("no array_data"), qPrintable(message));
    }

    void nexusRoundTripKeepsFramesAndGeometry() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("a.h5").toStdString();
        const io::NexusGeometry g = sampleGeometry(29, 19);
        {
            io::NexusWriter writer(path, g, 3);
            for (int i : {2, 0, 1}) {  // any order
                Image frame = sampleImage(29, 19);
                frame.at(0, 0) = float(i);
                writer.writeFrame(i, frame);
            }
            QVERIFY(!std::filesystem::exists(path));  // published only when finished
            writer.finish();
        }
        const io::NexusFrame back = io::readNexusFrame(path, "/entry/data/data", 2);
        QCOMPARE(back.frames, 3);
        Image expected = sampleImage(29, 19);
        expected.at(0, 0) = 2;
        QVERIFY(back.image.pixels == expected.pixels);
        QVERIFY(back.geometry.has_value());
        const io::NexusGeometry& r = *back.geometry;
        QCOMPARE(r.fpixels, 29);
        QCOMPARE(r.spixels, 19);
        QCOMPARE(r.pixelSizeMm, 0.075);
        for (int i = 0; i < 3; ++i) {
            QVERIFY(std::abs(r.originMm[i] - g.originMm[i]) < 1e-12);
            QCOMPARE(r.fastAxis[i], g.fastAxis[i]);
            QCOMPARE(r.slowAxis[i], g.slowAxis[i]);
            QCOMPARE(r.phiAxis[i], g.phiAxis[i]);
        }
        QCOMPARE(r.wavelengthA, 1.2);
        QCOMPARE(r.distanceMm, 180.5);
        QCOMPARE(r.sensorThicknessMm, 0.32);
        QCOMPARE(r.phiStartDeg, 3.2);  // frame 2
        QCOMPARE(r.phiIncrementDeg, 0.1);
    }

    void nexusCompressions() {
        QTemporaryDir dir;
        const Image image = sampleImage(40, 30);
        for (auto c : {io::NexusCompression::None, io::NexusCompression::Deflate,
                       io::NexusCompression::BitshuffleLz4}) {
            const std::string path = dir.filePath("c" + QString::number(int(c)) + ".h5").toStdString();
            try {
                io::writeNexusImage(path, sampleGeometry(40, 30), image, c);
            } catch (const Error& e) {
                QVERIFY(c == io::NexusCompression::BitshuffleLz4);
                QVERIFY2(QString(e.what()).contains("filter 32008"), e.what());
                QVERIFY(!std::filesystem::exists(path));
                qWarning("bitshuffle/LZ4 not tested: %s", e.what());
                continue;
            }
            QVERIFY(io::readNexusFrame(path).image.pixels == image.pixels);
        }
    }

    void nexusDamageIsRefused() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("a.h5").toStdString();
        io::writeNexusImage(path, sampleGeometry(64, 64), sampleImage(64, 64));
        auto refused = [&](const std::string& file, const std::string& dataset, int frame,
                           const char* expected) {
            const QString message = iotest::inputErrorOf([&] { io::readNexusFrame(file, dataset, frame); });
            QVERIFY2(message.startsWith(QString::fromStdString(file) + ": ") && message.contains(expected),
                     qPrintable(message));
        };
        refused(path, "/entry/data/nothing", 0, "no dataset /entry/data/nothing");
        refused(path, "/entry/nowhere/data", 0, "no dataset /entry/nowhere/data");
        refused(path, "/entry/data/data", 1, "frame 1 is outside");
        refused(path, "/entry/definition", 0, "unsupported element type");
        refused(truncated(dir, path, 0.5), "/entry/data/data", 0, "");
        refused(iotest::writeFile(dir, "x.h5", "not hdf5"), "/entry/data/data", 0, "not an HDF5 file");

        // A dataset whose (optional) filter this HDF5 cannot run: named, not misread.
        const std::string filtered = dir.filePath("f.h5").toStdString();
        {
            const hid_t file = H5Fcreate(filtered.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
            const hsize_t dims[2] = {8, 8};
            const hid_t space = H5Screate_simple(2, dims, nullptr);
            const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
            H5Pset_chunk(dcpl, 2, dims);
            H5Pset_filter(dcpl, 31999, H5Z_FLAG_OPTIONAL, 0, nullptr);
            const hid_t d = H5Dcreate2(file, "img", H5T_NATIVE_FLOAT, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
            std::vector<float> values(64, 1.0f);
            H5Dwrite(d, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
            H5Dclose(d), H5Pclose(dcpl), H5Sclose(space), H5Fclose(file);
        }
        refused(filtered, "/img", 0, "needs HDF5 filter 31999");
    }
};

QTEST_GUILESS_MAIN(IoImageFormatsTest)
#include "io_image_formats_test.moc"
