// `bragg simulate` writing TIFF, miniCBF and NeXus NXmx: the pixels are those of the float, int and
// noise images; readers no one here wrote (fabio, h5py) see the same pixels and header fields;
// geometries miniCBF cannot state are refused up front; the files are comparison inputs.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>

#include "TestSupport.h"
#include "io/Cbf.h"
#include "io/Nexus.h"
#include "io/RawFloat.h"
#include "io/Smv.h"
#include "io/Tiff.h"

namespace {

using Run = testsupport::CliRun;
using testsupport::runBragg;

const QStringList kFlags{"simulate",
                         "-cell",
                         "50",
                         "60",
                         "70",
                         "90",
                         "90",
                         "90",
                         "-default_F",
                         "100",
                         "-N",
                         "3",
                         "-lambda",
                         "1.1",
                         "-distance",
                         "90",
                         "-pixel",
                         "0.1",
                         "-detpixels_f",
                         "48",
                         "-detpixels_s",
                         "40",
                         "-oversample",
                         "1",
                         "-phi",
                         "10",
                         "-osc",
                         "0.5",
                         "-seed",
                         "5",
                         "-detector_thick",
                         "320",
                         "-nopgm",
                         "--quiet"};

// Debian's python3 (fabio, h5py); $BRAGG_PYTHON overrides.
QString python() {
    const QString p = qEnvironmentVariable("BRAGG_PYTHON");
    return p.isEmpty() ? "/usr/bin/python3" : p;
}

bool hasModule(const QString& module) {
    QProcess p;
    p.start(python(), {"-c", "import " + module});
    return p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

QString runPython(const QString& script, const QString& workDir) {
    QProcess p;
    p.setWorkingDirectory(workDir);
    p.start(python(), {"-c", script});
    p.waitForFinished(120000);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    if (p.exitCode() != 0) qWarning("%s", qPrintable(err));
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

}  // namespace

class FormatsCliTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(QFile::exists(qEnvironmentVariable("BRAGG_BIN")), "set BRAGG_BIN"); }

    void filesHoldTheSamePixelsAsFloatIntAndNoise() {
        QTemporaryDir dir;
        const Run r = runBragg(kFlags + QStringList{"-floatfile", "f.bin", "-intfile", "i.img", "-noisefile",
                                                    "n.img", "-tifffile", "f.tif", "-cbffile", "i.cbf",
                                                    "-cbfnoisefile", "n.cbf", "-nexusfile", "f.h5"},
                               dir.path());
        QCOMPARE(r.exitCode, 0);
        const auto path = [&](const char* name) { return dir.filePath(name).toStdString(); };
        const bragg::Image floats = bragg::io::readFloatImage(path("f.bin"), 48, 40);
        QVERIFY(bragg::io::readTiffImage(path("f.tif")).pixels == floats.pixels);
        QVERIFY(bragg::io::readNexusFrame(path("f.h5")).image.pixels == floats.pixels);
        for (const auto& [smv, cbf] : {std::pair{"i.img", "i.cbf"}, std::pair{"n.img", "n.cbf"}}) {
            const bragg::io::SmvFile s = bragg::io::readSmv(path(smv), true);
            const bragg::io::MiniCbfFile c = bragg::io::readMiniCbf(path(cbf));
            QCOMPARE(c.width, 48);
            QCOMPARE(c.height, 40);
            QVERIFY(std::equal(s.pixels.begin(), s.pixels.end(), c.pixels.begin(), c.pixels.end()));
        }
        // The CBF header's geometry: MOSFLM's default beam centre is the detector's middle plus
        // half a pixel (nanoBragg's Fbeam = Ybeam + 0.5 pixel).
        const bragg::io::MiniCbfHeader h = bragg::io::readMiniCbf(path("i.cbf")).header;
        QCOMPARE(h.pixelSizeM, 1e-4);
        QCOMPARE(h.wavelengthA, 1.1);
        QCOMPARE(h.distanceM, 0.09);
        QVERIFY(std::abs(h.beamXPx - 25) < 1e-6);  // fast: (48·0.1 + 0.1)/2 mm + 0.05 mm
        QVERIFY(std::abs(h.beamYPx - 21) < 1e-6);
        QCOMPARE(h.startAngleDeg, 10.0);
        QCOMPARE(h.angleIncrementDeg, 0.5);
        QCOMPARE(h.sensorThicknessM, 320e-6);
        const bragg::io::NexusGeometry g = *bragg::io::readNexusFrame(path("f.h5")).geometry;
        // MOSFLM: fast = lab +z = McStas −x, slow = lab −y = McStas −y, pixel (0,0) corner.
        QCOMPARE(g.fastAxis, (bragg::io::McStasVec{-1, 0, 0}));
        QCOMPARE(g.slowAxis, (bragg::io::McStasVec{0, -1, 0}));
        QVERIFY(std::abs(g.originMm[0] - 2.5) < 1e-9 && std::abs(g.originMm[1] - 2.1) < 1e-9 &&
                std::abs(g.originMm[2] - 90) < 1e-9);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 7);  // no temporary files left
    }

    void fabioReadsOurCbfAndTiff() {
        if (!hasModule("fabio")) QSKIP("python3-fabio is not installed (CI installs it)");
        QTemporaryDir dir;
        QCOMPARE(runBragg(kFlags + QStringList{"-floatfile", "f.bin", "-intfile", "i.img", "-tifffile",
                                               "f.tif", "-cbffile", "i.cbf"},
                          dir.path())
                     .exitCode,
                 0);
        const QString out = runPython(
            "import fabio, numpy\n"
            "c = fabio.open('i.cbf'); s = fabio.open('i.img'); t = fabio.open('f.tif')\n"
            "f = numpy.fromfile('f.bin', dtype='<f4').reshape(40, 48)\n"
            "print(c.data.shape, c.data.dtype, bool((c.data == s.data).all()), t.data.dtype,"
            " bool((t.data == f).all()), int(c.data.sum()) == int(s.data.astype('int64').sum()))\n"
            "h = c.header['_array_data.header_contents']\n"
            "print([l.strip() for l in h.splitlines() if 'Wavelength' in l or 'Beam_xy' in l or "
            "'Start_angle' in l])\n",
            dir.path());
        QCOMPARE(out.section('\n', 0, 0), QString("(40, 48) int32 True float32 True True"));
        QCOMPARE(out.section('\n', 1, 1),
                 QString("['# Wavelength 1.1 A', '# Beam_xy (25.000000, 21.000000) pixels', "
                         "'# Start_angle 10.000000 deg.']"));
    }

    // The other direction: a miniCBF written by fabio's own encoder (not CBFlib), with deltas that
    // need the 32- and 64-bit escapes and wrap in 32 bits, reads back as the counts fabio was given.
    void weReadFabiosCbf() {
        if (!hasModule("fabio")) QSKIP("python3-fabio is not installed (CI installs it)");
        QTemporaryDir dir;
        QCOMPARE(runBragg(kFlags + QStringList{"-intfile", "i.img"}, dir.path()).exitCode, 0);
        const QString out = runPython(
            "import fabio, numpy\n"
            "from fabio.cbfimage import CbfImage\n"
            "d = fabio.open('i.img').data.astype('int32')\n"
            "d[0, 0] = -2000000000; d[0, 1] = 2000000000; d[5, 7] = -1\n"
            "CbfImage(data=d, header={'_array_data.header_contents':"
            " '\\n# Wavelength 1.1 A\\n# Beam_xy (25.000000, 21.000000) pixels\\n'}).write('fabio.cbf')\n"
            "d.tofile('fabio.bin')\n"
            "print('ok')\n",
            dir.path());
        QCOMPARE(out, QString("ok"));
        const bragg::io::MiniCbfFile c = bragg::io::readMiniCbf(dir.filePath("fabio.cbf").toStdString());
        QCOMPARE(c.width, 48);
        QCOMPARE(c.height, 40);
        QFile raw(dir.filePath("fabio.bin"));
        QVERIFY(raw.open(QIODevice::ReadOnly));
        const QByteArray bytes = raw.readAll();
        QCOMPARE(bytes.size(), qsizetype(c.pixels.size() * sizeof(std::int32_t)));
        QVERIFY(std::memcmp(bytes.constData(), c.pixels.data(), std::size_t(bytes.size())) == 0);
        QCOMPARE(c.pixels[0], -2000000000);
        QCOMPARE(c.pixels[1], 2000000000);
        QCOMPARE(c.header.wavelengthA, 1.1);
        QCOMPARE(c.header.beamYPx, 21.0);
    }

    void h5pyReadsTheNxmxFields() {
        if (!hasModule("h5py")) QSKIP("python3-h5py is not installed (CI installs it)");
        QTemporaryDir dir;
        QCOMPARE(
            runBragg(kFlags + QStringList{"-floatfile", "f.bin", "-nexusfile", "f.h5", "-twotheta", "20"},
                     dir.path())
                .exitCode,
            0);
        const QString out = runPython(
            "import h5py, numpy\n"
            "h = h5py.File('f.h5', 'r'); e = h['entry']\n"
            "f = numpy.fromfile('f.bin', dtype='<f4').reshape(1, 40, 48)\n"
            "d = e['data/data']; m = e['instrument/detector/module']\n"
            "print(e['definition'][()].decode(), d.shape, d.dtype, bool((d[()] == f).all()), d.chunks,"
            " d.compression)\n"
            "print(e['instrument/beam/incident_wavelength'][()], "
            "e['instrument/beam/incident_wavelength'].attrs['units'],"
            " e['instrument/detector/sensor_material'][()].decode(), "
            "round(e['instrument/detector/sensor_thickness'][()], 9))\n"
            "print(list(m['data_size'][()]), m['fast_pixel_direction'][()],"
            " m['fast_pixel_direction'].attrs['transformation_type'],"
            " numpy.round(m['fast_pixel_direction'].attrs['vector'], 6).tolist(),"
            " e['sample/transformations/phi'][()].tolist(), "
            "e['sample/transformations/phi'].attrs['vector'].tolist())\n",
            dir.path());
        QCOMPARE(out.section('\n', 0, 0), QString("NXmx (1, 40, 48) float32 True (1, 40, 48) gzip"));
        QCOMPARE(out.section('\n', 1, 1), QString("1.1 angstrom Silicon 0.32"));
        // MOSFLM's two-theta axis is the fast axis, so -twotheta 20 leaves it at McStas −x.
        QCOMPARE(out.section('\n', 2, 2),
                 QString("[40, 48] 0.1 translation [-1.0, 0.0, 0.0] [10.0] [-1.0, 0.0, 0.0]"));
    }

    void miniCbfRefusesGeometryItCannotState() {
        const QList<QStringList> cases{
            {"-detector_rotx", "3"}, {"-twotheta", "15"}, {"-detector_rotz", "1"}, {"-adxv"}};
        for (const QStringList& geometry : cases) {
            QTemporaryDir dir;
            const Run r = runBragg(
                kFlags + geometry + QStringList{"-cbffile", "a.cbf", "-floatfile", "f.bin"}, dir.path());
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains("-cbffile: miniCBF cannot express the detector set by ") &&
                         r.err.contains(geometry[0] + " "),
                     qPrintable(r.err));
            QCOMPARE(r.err.count('\n'), 1);
            QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());  // nothing written, not even f.bin
        }
        QTemporaryDir dir;
        const Run r = runBragg(kFlags + QStringList{"-xds", "-cbfnoisefile", "n.cbf"}, dir.path());
        QCOMPARE(r.exitCode, 0);  // XDS's axes are miniCBF's too
    }

    void filesAreComparisonInputsWithTheirGeometry() {
        QTemporaryDir dir;
        QCOMPARE(runBragg(kFlags + QStringList{"-floatfile", "f.bin", "-tifffile", "f.tif", "-nexusfile",
                                               "f.h5", "-intfile", "i.img", "-cbffile", "i.cbf"},
                          dir.path())
                     .exitCode,
                 0);
        const Run a = runBragg({"compare", "f.tif", "f.h5:/entry/data/data:0", "--outdir", "c1"}, dir.path());
        QCOMPARE(a.exitCode, 0);
        QVERIFY2(a.out.contains("pearson 1"), qPrintable(a.out));
        const Run b = runBragg({"compare", "i.img", "i.cbf", "--outdir", "c2"}, dir.path());
        QCOMPARE(b.exitCode, 0);
        const Run bad =
            runBragg({"compare", "f.tif", "f.h5:/entry/data/data:3", "--outdir", "c3"}, dir.path());
        QCOMPARE(bad.exitCode, 5);
        QVERIFY2(bad.err.contains("f.h5: frame 3 is outside /entry/data/data's 1 frames"),
                 qPrintable(bad.err));
    }
};

QTEST_GUILESS_MAIN(FormatsCliTest)
#include "formats_cli_test.moc"
