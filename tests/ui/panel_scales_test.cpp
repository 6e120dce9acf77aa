// Per-panel colour scales: each of Reference | Candidate | Difference has its own lin / sqrt / log,
// clip, scheme and lock (checked on each panel's QCPColorMap); Reference and Candidate ranges can be
// linked (pooled pixels); the composite export draws each panel's own colour scale; sessions and
// settings keep the per-panel values and older single-scale files still load.
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <set>

#include <qcustomplot.h>

#include "ComparisonExport.h"
#include "ComparisonView.h"
#include "ImageStyle.h"
#include "ImagePanel.h"
#include "PanelScaleBar.h"
#include "Session.h"
#include "StudioSettings.h"

using namespace bragg;
using namespace bragg::ui;

namespace {

// 10×10 image whose pixel i (slow-major) holds first + i·step.
std::shared_ptr<const Image> ramp(float first, float step) {
    auto image = std::make_shared<Image>(10, 10);
    for (std::size_t i = 0; i < image->pixels.size(); ++i) image->pixels[i] = first + float(i) * step;
    return image;
}

RenderResultPtr result(std::shared_ptr<const Image> reference, std::shared_ptr<const Image> candidate) {
    auto r = std::make_shared<RenderResult>();
    r->reference = std::move(reference);
    r->candidate = std::move(candidate);
    r->comparison = compareImages(*r->reference, *r->candidate, Thresholds{});
    r->complete = true;
    return r;
}

QCPColorMap* colourMap(const ComparisonView& view, int panel) {
    return view.panel(panel)->findChild<QCPColorMap*>();
}

QCPRange range(const ComparisonView& view, int panel) { return colourMap(view, panel)->dataRange(); }

double cell(const ComparisonView& view, int panel, int fast, int slow) {
    return colourMap(view, panel)->data()->cell(fast, slow);
}

bool nearlyEqual(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b)); }

#define QCOMPARE_RANGE(actual, lo, hi)                                           \
    do {                                                                         \
        const QCPRange r_ = (actual);                                            \
        if (!nearlyEqual(r_.lower, (lo)) || !nearlyEqual(r_.upper, (hi)))        \
            QFAIL(qPrintable(QStringLiteral("range [%1, %2], expected [%3, %4]") \
                                 .arg(r_.lower, 0, 'g', 12)                      \
                                 .arg(r_.upper, 0, 'g', 12)                      \
                                 .arg(double(lo), 0, 'g', 12)                    \
                                 .arg(double(hi), 0, 'g', 12)));                 \
    } while (false)

template <typename W>
W* control(const ComparisonView& view, int panel, const char* name) {
    return view.scaleBar(panel)->findChild<W*>(QLatin1String(name));
}

// The colour bar in `box`: the rightmost pixel column holding a smooth gradient (over 100 distinct
// colours; a column of a 10×10 test image or of anti-aliased text has far fewer).
QList<QColor> colourBar(const QImage& image, const QRect& box) {
    for (int x = box.right(); x >= box.left(); --x) {
        std::set<QRgb> distinct;
        QList<QColor> column;
        for (int y = box.top(); y <= box.bottom(); ++y) {
            distinct.insert(image.pixel(x, y));
            column << QColor(image.pixel(x, y));
        }
        if (distinct.size() > 100) return column;
    }
    return {};
}

bool hot(const QColor& c) { return c.red() > 200 && c.green() < 140 && c.blue() < 60; }
bool blue(const QColor& c) { return c.blue() > 150 && c.red() < 120; }
bool red(const QColor& c) { return c.red() > 150 && c.green() < 80 && c.blue() < 80; }
bool coloured(const QColor& c) {
    return std::max({c.red(), c.green(), c.blue()}) - std::min({c.red(), c.green(), c.blue()}) > 16;
}

template <typename Test>
int count(const QList<QColor>& colours, Test test) {
    return int(std::count_if(colours.begin(), colours.end(), test));
}

}  // namespace

// Reference 1..100, candidate 101..200: the difference is +100 everywhere. With the default sqrt
// 99.5 % scales, the linked (pooled) range is [√1, √199] (199 is the 199th of 200 values).
class PanelScalesTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QCOMPARE(QGuiApplication::platformName(), QStringLiteral("offscreen"));
        QVERIFY(settingsDir_.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("BraggStudioPanelScalesTest"));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir_.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir_.path());
    }

    void logOnReferenceChangesOnlyThatPanel() {
        ComparisonView view;
        view.showResult(result(ramp(1, 1), ramp(101, 1)));
        QCOMPARE_RANGE(range(view, 0), 1.0, std::sqrt(199.0));
        QCOMPARE_RANGE(range(view, 1), 1.0, std::sqrt(199.0));
        QCOMPARE_RANGE(range(view, 2), -10.0, 10.0);

        control<QComboBox>(view, kReferencePanel, "scale")->setCurrentIndex(int(ScaleKind::Log));
        QCOMPARE(view.options().panels[kReferencePanel].scale, ScaleKind::Log);
        QCOMPARE(view.options().panels[kCandidatePanel].scale, ScaleKind::Sqrt);
        QCOMPARE(view.options().panels[kDifferencePanel].scale, ScaleKind::Sqrt);
        QCOMPARE(view.panel(0)->transform().kind, ScaleKind::Log);
        QCOMPARE(view.panel(1)->transform().kind, ScaleKind::Sqrt);
        QCOMPARE(view.panel(2)->transform().kind, ScaleKind::Sqrt);
        // Log floor = smallest positive value (1): [log10 1, log10 199].
        QCOMPARE_RANGE(range(view, 0), 0.0, std::log10(199.0));
        QVERIFY(nearlyEqual(cell(view, 0, 3, 0), std::log10(4.0)));
        QVERIFY(nearlyEqual(cell(view, 0, 9, 9), 2.0));  // pixel 99 holds 100
        // The others keep their scales and colours.
        QCOMPARE_RANGE(range(view, 1), 1.0, std::sqrt(199.0));
        QVERIFY(nearlyEqual(cell(view, 1, 3, 0), std::sqrt(104.0)));
        QCOMPARE_RANGE(range(view, 2), -10.0, 10.0);
        QVERIFY(nearlyEqual(cell(view, 2, 3, 0), 10.0));

        // The Difference panel alone to linear: Δ is 100 everywhere, so [−100, 100].
        control<QComboBox>(view, kDifferencePanel, "scale")->setCurrentIndex(int(ScaleKind::Linear));
        QCOMPARE_RANGE(range(view, 2), -100.0, 100.0);
        QCOMPARE_RANGE(range(view, 0), 0.0, std::log10(199.0));
        QCOMPARE_RANGE(range(view, 1), 1.0, std::sqrt(199.0));
    }

    void lockedPanelKeepsItsRangeWhileTheOthersUpdate() {
        ComparisonView view;
        view.showResult(result(ramp(1, 1), ramp(101, 1)));
        control<QCheckBox>(view, kCandidatePanel, "lock")->setChecked(true);
        QVERIFY(view.options().panels[kCandidatePanel].lock);
        QVERIFY(!view.options().panels[kReferencePanel].lock);
        QCOMPARE_RANGE(range(view, 1), 1.0, std::sqrt(199.0));

        // New images, twice the values: reference 2..200, candidate 202..400, Δ = 200.
        view.showResult(result(ramp(2, 2), ramp(202, 2)));
        QCOMPARE_RANGE(range(view, 1), 1.0, std::sqrt(199.0));             // locked
        QVERIFY(nearlyEqual(cell(view, 1, 0, 0), std::sqrt(202.0)));       // new pixels, same mapping
        QCOMPARE_RANGE(range(view, 0), std::sqrt(2.0), std::sqrt(398.0));  // pooled 2, 4, …, 400
        QCOMPARE_RANGE(range(view, 2), -std::sqrt(200.0), std::sqrt(200.0));

        // A scheme change keeps the locked range; unlocking rescales to the current images.
        control<QComboBox>(view, kCandidatePanel, "scheme")->setCurrentIndex(int(ColorScheme::Heat));
        QCOMPARE_RANGE(range(view, 1), 1.0, std::sqrt(199.0));
        control<QCheckBox>(view, kCandidatePanel, "lock")->setChecked(false);
        QCOMPARE_RANGE(range(view, 1), std::sqrt(2.0), std::sqrt(398.0));
    }

    void linkedRangeIsThePooledPercentile() {
        ComparisonView view;
        const auto reference = ramp(1, 1), candidate = ramp(101, 1);
        view.showResult(result(reference, candidate));
        QVERIFY(view.options().linkScales);  // default on
        const DisplayRange pooled = intensityRange({reference.get(), candidate.get()}, ScaleKind::Sqrt, 99.5);
        QVERIFY(nearlyEqual(pooled.upper, std::sqrt(199.0)));
        QCOMPARE_RANGE(range(view, 0), pooled.lower, pooled.upper);
        QCOMPARE_RANGE(range(view, 1), pooled.lower, pooled.upper);

        // Per-panel clip still applies to the pooled pixels: the 50th percentile of 1..200 is 100.
        control<QDoubleSpinBox>(view, kCandidatePanel, "clip")->setValue(50);
        QCOMPARE_RANGE(range(view, 1), 1.0, 10.0);
        QCOMPARE_RANGE(range(view, 0), 1.0, std::sqrt(199.0));
        control<QDoubleSpinBox>(view, kCandidatePanel, "clip")->setValue(99.5);

        // Unlinked: each image alone (the 100th of 100 values).
        view.findChild<QCheckBox*>(QStringLiteral("linkScales"))->setChecked(false);
        QVERIFY(!view.options().linkScales);
        QCOMPARE_RANGE(range(view, 0), 1.0, 10.0);
        QCOMPARE_RANGE(range(view, 1), std::sqrt(101.0), std::sqrt(200.0));
        view.showResult(result(ramp(2, 2), ramp(202, 2)));
        QCOMPARE_RANGE(range(view, 0), std::sqrt(2.0), std::sqrt(200.0));
        QCOMPARE_RANGE(range(view, 1), std::sqrt(202.0), std::sqrt(400.0));
    }

    void exportDrawsEachPanelsOwnColourScale() {
        ComparisonView view;
        view.resize(1200, 500);
        DisplayOptions o = view.options();
        o.panels[kReferencePanel].scheme = ColorScheme::Heat;
        o.panels[kCandidatePanel].scheme = ColorScheme::Grey;
        o.panels[kCandidatePanel].scale = ScaleKind::Log;
        view.setOptions(o);
        // A difference with both signs, so the diverging scale shows blue and red cells.
        auto candidate = std::make_shared<Image>(*ramp(101, 1));
        candidate->pixels[0] = -50;
        const RenderResultPtr r = result(ramp(1, 1), candidate);
        view.showResult(r);

        // Small panels, long titles: the colour bars must still be drawn.
        const int size = 300, margin = 12;
        const QImage composite = ComparisonExport(view, r).composite(size);
        auto box = [&](int panel) { return QRect(margin + panel * (size + margin), margin, size, size); };
        const QList<QColor> heatBar = colourBar(composite, box(0));
        const QList<QColor> greyBar = colourBar(composite, box(1));
        const QList<QColor> divergingBar = colourBar(composite, box(2));
        QVERIFY(count(heatBar, hot) > 20);
        QCOMPARE(count(heatBar, blue), 0);
        QCOMPARE(count(greyBar, coloured), 0);
        QVERIFY(count(greyBar, [](const QColor& c) { return c.lightness() < 30; }) > 5);   // black end
        QVERIFY(count(greyBar, [](const QColor& c) { return c.lightness() > 225; }) > 5);  // white end
        QVERIFY(count(divergingBar, blue) > 20);
        QVERIFY(count(divergingBar, red) > 20);
        QCOMPARE(count(divergingBar, hot), 0);
        // The whole Candidate panel is grey: its colours come from its own scheme only.
        for (int y = box(1).top(); y <= box(1).bottom(); ++y)
            for (int x = box(1).left(); x <= box(1).right(); ++x)
                if (coloured(QColor(composite.pixel(x, y)))) QFAIL("colour in the grey Candidate panel");
        // The panels' own scales are untouched by the export.
        QCOMPARE(view.panel(1)->transform().kind, ScaleKind::Log);
        QCOMPARE(view.panel(0)->transform().kind, ScaleKind::Sqrt);
    }

    void sessionRoundTripKeepsPerPanelSettings() {
        Session s;
        s.display.panels[kReferencePanel] = {{ScaleKind::Log, 99.0, ColorScheme::Heat}, true};
        s.display.panels[kCandidatePanel] = {{ScaleKind::Linear, 98.5, ColorScheme::Grey}, false};
        s.display.panels[kDifferencePanel] = {{ScaleKind::Sqrt, 99.9, ColorScheme::Viridis}, false};
        s.display.linkScales = false;
        s.display.difference = DifferenceKind::Relative;
        const Session back = sessionFromJson(sessionToJson(s));
        QVERIFY(back.display == s.display);
        QCOMPARE(back.display.panels[kReferencePanel].scale, ScaleKind::Log);
        QCOMPARE(back.display.panels[kReferencePanel].clipPercent, 99.0);
        QVERIFY(back.display.panels[kReferencePanel].lock);
        QCOMPARE(back.display.panels[kCandidatePanel].clipPercent, 98.5);
        QCOMPARE(back.display.panels[kDifferencePanel].scheme, ColorScheme::Viridis);
        QVERIFY(!back.display.linkScales);

        // Applied to a view, each panel's bar and colour map take their own settings.
        ComparisonView view;
        view.setOptions(back.display);
        view.showResult(result(ramp(1, 1), ramp(101, 1)));
        QVERIFY(view.options() == s.display);
        QCOMPARE(control<QComboBox>(view, kReferencePanel, "scale")->currentIndex(), int(ScaleKind::Log));
        QCOMPARE(control<QDoubleSpinBox>(view, kCandidatePanel, "clip")->value(), 98.5);
        QCOMPARE(view.panel(0)->transform().kind, ScaleKind::Log);
        QCOMPARE(view.panel(1)->transform().kind, ScaleKind::Linear);
        QCOMPARE_RANGE(range(view, 1), 101.0, 199.0);  // unlinked, linear: 98.5 % of 101..200
    }

    void oldSessionAppliesTheSharedScaleToEveryPanel() {
        const QByteArray old = R"({
            "schema": "bragg-studio-session/1",
            "flags": ["-cell", "70", "80", "90", "75", "85", "95", "-default_F", "100"],
            "display": {"scale": 2, "clip_percent": 98, "scheme": 2, "lock_scale": true,
                        "difference": 1, "beam_centre": false, "rings": true,
                        "ring_spacings": [3.5], "roi": true}
        })";
        const Session s = sessionFromJson(old);
        const PanelScale expected{{ScaleKind::Log, 98.0, ColorScheme::Heat}, true};
        for (const PanelScale& panel : s.display.panels) QVERIFY(panel == expected);
        QVERIFY(s.display.linkScales);
        QCOMPARE(s.display.difference, DifferenceKind::Absolute);
        QVERIFY(!s.display.showBeamCentre);
        QCOMPARE(s.display.ringSpacingsA, std::vector<double>{3.5});
        // The shipped demo session is in the old format too.
        const Session demo = loadSession(QStringLiteral(":/demo-session.json"));
        for (const PanelScale& panel : demo.display.panels) QVERIFY(panel == PanelScale{});
    }

    void settingsKeepPerPanelScalesAndReadOldOnes() {
        QSettings().clear();
        {
            QSettings old;  // before per-panel scales: one shared scale
            old.setValue("display/scale", int(ScaleKind::Linear));
            old.setValue("display/clipPercent", 97.0);
            old.setValue("display/scheme", int(ColorScheme::Viridis));
        }
        const DisplayOptions fromOld = StudioSettings().displayOptions();
        for (const PanelScale& panel : fromOld.panels)
            QVERIFY(panel == (PanelScale{{ScaleKind::Linear, 97.0, ColorScheme::Viridis}, false}));

        DisplayOptions o;
        o.panels[kReferencePanel] = {{ScaleKind::Log, 99.0, ColorScheme::Heat}, false};
        o.panels[kCandidatePanel] = {{ScaleKind::Sqrt, 98.0, ColorScheme::Grey}, true};
        o.linkScales = false;
        o.showRegions = false;
        o.blinkIntervalMs = 250;
        StudioSettings().setDisplayOptions(o);
        const DisplayOptions back = StudioSettings().displayOptions();
        QVERIFY(back.panels[kReferencePanel] == o.panels[kReferencePanel]);
        QCOMPARE(back.panels[kCandidatePanel].clipPercent, 98.0);
        QCOMPARE(back.panels[kCandidatePanel].scheme, ColorScheme::Grey);
        QVERIFY(!back.panels[kCandidatePanel].lock);  // a lock is not kept between runs
        QVERIFY(back.panels[kDifferencePanel] == PanelScale{});
        QVERIFY(!back.linkScales);
        QVERIFY(!back.showRegions);  // the regions overlay's switch and the blink interval
        QCOMPARE(back.blinkIntervalMs, 250);
        QVERIFY(!QSettings().contains("display/scale"));  // the old shared keys are gone
    }

private:
    QTemporaryDir settingsDir_;
};

QTEST_MAIN(PanelScalesTest)
#include "panel_scales_test.moc"
