// Resolution shells for files without flags: the d-spacing map from an SMV header's geometry
// equals the one from the flags that wrote the file (the header's %g values are 6 digits).
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "compare/DSpacingMap.h"
#include "core/Error.h"
#include "io/RawFloat.h"
#include "io/Smv.h"
#include "params/Derive.h"
#include "params/FlagParser.h"
#include "run/ImageFile.h"

using namespace bragg;

class HeaderGeometryTest : public QObject {
    Q_OBJECT
private slots:
    void smvHeaderGivesTheFlagsMap() {
        QTemporaryDir dir;
        const Experiment e = deriveExperiment(
            parseNanoBraggFlags({"-cell", "70",           "80",   "90",           "90",  "90",
                                 "90",    "-default_F",   "1",    "-lambda",      "1.3", "-distance",
                                 "120",   "-detpixels_f", "40",   "-detpixels_s", "30",  "-pixel",
                                 "0.2",   "-Xbeam",       "2.43", "-Ybeam",       "4.03"})
                .params,
            0);
        const std::string smv = dir.filePath("a.img").toStdString();
        io::writeSmv(smv, smvHeaderFields(e), std::vector<std::uint16_t>(40 * 30, 0));
        const auto fromHeader = run::headerDSpacingMapA(smv);
        QVERIFY(fromHeader);
        const std::vector<double> fromFlags = dSpacingMapA(e);
        QCOMPARE(fromHeader->size(), std::size_t(40 * 30));
        double worst = 0;
        for (std::size_t i = 0; i < fromFlags.size(); ++i)
            worst = std::max(worst, std::fabs((*fromHeader)[i] / fromFlags[i] - 1));
        QVERIFY2(worst < 1e-5, qPrintable(QString::number(worst)));
        // The pixel nearest the beam (MOSFLM: -Ybeam along fast, -Xbeam along slow; 4.03 and 2.43 mm
        // of 0.2 mm pixels, with or without the half-pixel offset) has the largest d.
        const auto top = std::max_element(fromHeader->begin(), fromHeader->end()) - fromHeader->begin();
        QCOMPARE(int(top % 40), 20);
        QCOMPARE(int(top / 40), 12);

        // Not an SMV file: no header geometry.
        const std::string raw = dir.filePath("a.bin").toStdString();
        io::writeFloatImage(raw, Image(4, 4));
        QVERIFY(!run::headerDSpacingMapA(raw));
    }
};

QTEST_APPLESS_MAIN(HeaderGeometryTest)
#include "header_geometry_test.moc"
