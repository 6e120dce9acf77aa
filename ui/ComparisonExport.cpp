#include "ComparisonExport.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QFontMetrics>
#include <QPainter>

#include "ComparisonView.h"
#include "ImagePanel.h"
#include "MetricsPanel.h"
#include "core/Error.h"
#include "io/AtomicFile.h"
#include "io/RawFloat.h"
#include "io/Smv.h"
#include "output/DerivedImages.h"
#include "params/FlagParser.h"
#include "report/CompareSummary.h"

namespace bragg::ui {

namespace {

void requireComplete(const RenderResultPtr& r) {
    if (!r || !r->complete) throw usageError("export: no complete comparison to export yet");
}

// Encodes in memory, then writes through the atomic writer: a failed or killed export never
// leaves a truncated PNG under the final name (an existing file stays as it was).
void writePng(const QImage& image, const QString& path) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG")) throw inputError(path.toStdString() + ": cannot encode PNG");
    io::writeFileAtomically(path.toStdString(),
                            std::string_view(bytes.constData(), std::size_t(bytes.size())));
}

}  // namespace

ComparisonExport::ComparisonExport(ComparisonView& view, RenderResultPtr result)
    : view_(view), result_(std::move(result)) {
    requireComplete(result_);
}

QString simulateCommandLine(const Params& params) {
    QStringList words{QStringLiteral("bragg"), QStringLiteral("simulate")};
    for (const std::string& flag : toNanoBraggFlags(params)) words << QString::fromStdString(flag);
    return words.join(' ');
}

ExportFormat exportFormat(ExportKind kind) {
    switch (kind) {
        case ExportKind::Composite:
            return {QObject::tr("Export comparison"), QObject::tr("PNG (*.png)")};
        case ExportKind::Panels:
            return {QObject::tr("Export panels (base name)"), QObject::tr("PNG (*.png)")};
        case ExportKind::FloatImages:
            return {QObject::tr("Export float images (base name)"), QObject::tr("Raw float (*.bin)")};
        case ExportKind::SmvImages:
            return {QObject::tr("Export SMV images (base name)"), QObject::tr("SMV (*.img)")};
        case ExportKind::Summary:
            break;
    }
    return {QObject::tr("Export summary.json"), QObject::tr("JSON (*.json)")};
}

QStringList ComparisonExport::write(ExportKind kind, const QString& path) const {
    const QFileInfo info(path);
    const QString base = info.path() + '/' + info.completeBaseName();
    switch (kind) {
        case ExportKind::Composite:
            writeComposite(path);
            return {path};
        case ExportKind::Panels:
            return writePanels(base);
        case ExportKind::FloatImages:
            return writeImages(base, false);
        case ExportKind::SmvImages:
            return writeImages(base, true);
        case ExportKind::Summary:
            break;
    }
    writeSummary(path);
    return {path};
}

QString ComparisonExport::commandLine() const { return simulateCommandLine(result_->params); }

QString ComparisonExport::caption() const {
    const RenderTimings& t = result_->timings;
    QString text = QStringLiteral("%1: %2\n")
                       .arg(QString::fromLatin1(toString(result_->comparison->verdict)),
                            QString::fromStdString(result_->candidateLabel) + QStringLiteral(" vs ") +
                                QString::fromStdString(result_->referenceLabel));
    text += metricsText(*result_);
    text += QStringLiteral("\nreference %1 s, candidate %2 s (%3), speedup %4×")
                .arg(t.referenceSeconds, 0, 'f', 3)
                .arg(t.candidateSeconds, 0, 'f', 3)
                .arg(t.candidateCold ? QStringLiteral("cold") : QStringLiteral("warm"))
                .arg(t.speedup(), 0, 'f', 1);
    for (const std::string& f : result_->comparison->failures)
        text += QStringLiteral("\n✗ ") + QString::fromStdString(f);
    return text;
}

QImage ComparisonExport::composite(int panelSize) const {
    const int margin = 12;
    const int width = 3 * panelSize + 4 * margin;
    QFont font(QStringLiteral("DejaVu Sans"), 11);
    QFont mono(QStringLiteral("DejaVu Sans Mono"), 10);
    const QFontMetrics fm(font), mm(mono);
    const QString text = caption();
    const QRect captionBox = fm.boundingRect(QRect(0, 0, width - 2 * margin, 10000), Qt::TextWordWrap, text);
    const QString flags = commandLine();
    const QRect flagsBox =
        mm.boundingRect(QRect(0, 0, width - 2 * margin, 10000), Qt::TextWrapAnywhere, flags);
    const int height = panelSize + captionBox.height() + flagsBox.height() + 4 * margin;

    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    for (int i = 0; i < 3; ++i)
        painter.drawImage(margin + i * (panelSize + margin), margin,
                          view_.panel(i)->renderImage(panelSize, panelSize));
    int y = panelSize + 2 * margin;
    painter.setFont(font);
    painter.setPen(result_->comparison->verdict == Verdict::Pass ? QColor(0x1b, 0x5e, 0x20)
                                                                 : QColor(0xb7, 0x1c, 0x1c));
    painter.drawText(QRect(margin, y, width - 2 * margin, captionBox.height()), Qt::TextWordWrap, text);
    y += captionBox.height() + margin;
    painter.setFont(mono);
    painter.setPen(Qt::black);
    painter.drawText(QRect(margin, y, width - 2 * margin, flagsBox.height()), Qt::TextWrapAnywhere, flags);
    painter.end();
    return image;
}

void ComparisonExport::writeComposite(const QString& path, int panelSize) const {
    writePng(composite(panelSize), path);
}

QStringList ComparisonExport::writePanels(const QString& base, int panelSize) const {
    static const char* names[] = {"reference", "candidate", "difference"};
    QStringList paths;
    for (int i = 0; i < 3; ++i) {
        const QString path = base + '-' + names[i] + QStringLiteral(".png");
        writePng(view_.panel(i)->renderImage(panelSize, panelSize), path);
        paths << path;
    }
    return paths;
}

QStringList ComparisonExport::writeImages(const QString& base, bool smv) const {
    const Experiment& e = *result_->experiment;
    QStringList paths;
    const std::pair<const char*, const Image*> images[] = {{"reference", result_->reference.get()},
                                                           {"candidate", result_->candidate.get()}};
    for (const auto& [name, image] : images) {
        const QString path = base + '-' + name + (smv ? QStringLiteral(".img") : QStringLiteral(".bin"));
        if (smv) {
            const IntImage scaled = makeIntImage(*image, e.selection, e.params.intScale, e.params.adc);
            io::writeSmv(path.toStdString(), smvHeaderFields(e), scaled.pixels);
        } else {
            io::writeFloatImage(path.toStdString(), *image);
        }
        paths << path;
    }
    return paths;
}

void ComparisonExport::writeSummary(const QString& path, const QStringList& files) const {
    // The comparison-run layer's summary, as `bragg compare --run` writes it, plus this program.
    report::CompareSummary summary = result_->summary;
    for (const QString& a : QCoreApplication::arguments()) summary.commandLine.push_back(a.toStdString());
    summary.binaries["bragg-studio"] = QCoreApplication::applicationFilePath().toStdString();
    for (const QString& f : files) summary.files.push_back(f.toStdString());
    report::writeJsonFile(path.toStdString(), report::toJson(summary));
}

}  // namespace bragg::ui
