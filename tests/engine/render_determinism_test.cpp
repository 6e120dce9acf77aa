// The reference engine's image does not depend on the thread count (bitwise), including the
// order-dependent quirks (φ = 0 carry-over, sticky interpolation switch-off).
#include <omp.h>

#include <QtTest>

#include "params/Derive.h"
#include "params/FlagParser.h"
#include "render/Engine.h"

using namespace bragg;

class RenderDeterminismTest : public QObject {
    Q_OBJECT
private slots:
    void sameImageForOneTwoFourThreads_data() {
        QTest::addColumn<QString>("flags");
        QTest::newRow("mosaic+phi0")
            << "-cell 70 80 90 75 85 95 -default_F 50 -N 4 -detpixels 64 -mosaic 0.5 "
               "-mosaic_domains 4 -osc 1 -phisteps 3 -oversample 2";
        QTest::newRow("thickness+flags")
            << "-cell 100 -default_F 10 -N 3 -detpixels 48 -detector_thick 100 "
               "-thicksteps 3 -oversample 2 -oversample_thick -oversample_omega -polar 0.9";
        QTest::newRow("divergence+dispersion") << "-cell 100 -default_F 10 -N 5 -detpixels 40 -divergence 1 "
                                                  "-divsteps 3 -dispersion 2 -dispsteps 3 -round_xtal";
    }
    void sameImageForOneTwoFourThreads() {
        QFETCH(QString, flags);
        std::vector<std::string> args;
        for (const QString& f : flags.split(' ', Qt::SkipEmptyParts)) args.push_back(f.toStdString());
        const Experiment e = deriveExperiment(parseNanoBraggFlags(args).params);
        for (const std::string& name : engineNames()) {
            std::vector<Image> images;
            for (int threads : {1, 2, 4}) {
                omp_set_num_threads(threads);
                images.push_back(makeEngine(name)->render(e));
            }
            omp_set_num_threads(2);
            QVERIFY(images[0].pixels == images[1].pixels);
            QVERIFY(images[0].pixels == images[2].pixels);
            double sum = 0;
            for (float v : images[0].pixels) sum += v;
            QVERIFY(sum > 0);
        }
    }
};

QTEST_GUILESS_MAIN(RenderDeterminismTest)
#include "render_determinism_test.moc"
