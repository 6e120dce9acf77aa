// A watched reference render (RenderControl::partialImage) hands out the image as its rows fill,
// top to bottom, and ends on exactly the image an unwatched render makes.
#include <QtTest>

#include "params/Derive.h"
#include "params/FlagParser.h"
#include "render/Engine.h"

using namespace bragg;

class RenderPartialImageTest : public QObject {
    Q_OBJECT
private slots:
    void partialImagesFillInOrderAndEndOnTheSameImage() {
        const Experiment e = deriveExperiment(
            parseNanoBraggFlags({"-cell", "60", "70", "80", "90", "95", "90", "-default_F", "50", "-N", "4",
                                 "-detpixels", "64", "-pixel", "0.5", "-distance", "90"})
                .params);
        const Image plain = makeEngine("reference")->render(e);
        RenderControl control;
        std::vector<long long> rowsFilled;
        control.partialImage = [&](const Image& partial) {
            QCOMPARE(partial.fpixels, 64);
            // The rows rendered so far equal the final image's; the rest are still 0.
            long long filled = 0;
            for (int slow = 0; slow < partial.spixels; ++slow) {
                bool same = true, zero = true;
                for (int fast = 0; fast < partial.fpixels; ++fast) {
                    same = same && partial.at(fast, slow) == plain.at(fast, slow);
                    zero = zero && partial.at(fast, slow) == 0.0f;
                }
                QVERIFY(same || zero);
                if (same && !zero) filled = slow + 1;
            }
            rowsFilled.push_back(filled);
        };
        const Image watched = makeEngine("reference")->render(e, &control);
        QCOMPARE(watched.pixels, plain.pixels);
        QCOMPARE(rowsFilled.size(),
                 std::size_t(15));  // 16 bands of 4 rows: one image after each but the last
        for (std::size_t i = 1; i < rowsFilled.size(); ++i) QVERIFY(rowsFilled[i] > rowsFilled[i - 1]);
        QCOMPARE(control.rowsDone.load(), 64LL);
    }
};

QTEST_GUILESS_MAIN(RenderPartialImageTest)
#include "render_partial_image_test.moc"
