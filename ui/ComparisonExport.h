#pragma once
// Everything "Export" writes from a displayed result: the composite PNG (three panels with their
// colour scales, a metrics caption and the flags), each panel as PNG, the images as raw float or
// SMV (engine writers), and summary.json in the schema `bragg compare` writes (bragg_report).
#include <QImage>
#include <QString>
#include <QStringList>

#include "RenderTypes.h"

namespace bragg::ui {

class ComparisonView;

// "bragg simulate <flags>": the command line that renders these parameters.
QString simulateCommandLine(const Params& params);

// The File ▸ Export entries. Panels and images take the chosen path's base name
// (<dir>/<base>-reference.png, …); the others write exactly the chosen path.
enum class ExportKind { Composite, Panels, FloatImages, SmvImages, Summary };
struct ExportFormat {
    QString title;   // dialog title
    QString filter;  // file dialog filter
};
ExportFormat exportFormat(ExportKind kind);

// Every file is written atomically (engine/io/AtomicFile: temporary file, fsync, rename), so a
// failed or killed export leaves the previous file as it was. Throws bragg::Error(Input) naming
// the file on a write failure.
class ComparisonExport {
public:
    ComparisonExport(ComparisonView& view, RenderResultPtr result);

    // Three panels side by side (each panelSize × panelSize), then the caption and the flags.
    QImage composite(int panelSize = 560) const;
    void writeComposite(const QString& path, int panelSize = 560) const;
    // <base>-reference.png, <base>-candidate.png, <base>-difference.png; returns the paths.
    QStringList writePanels(const QString& base, int panelSize = 800) const;
    // <base>-reference.<ext>, <base>-candidate.<ext> as raw float ("bin") or SMV ("img").
    QStringList writeImages(const QString& base, bool smv) const;
    void writeSummary(const QString& path, const QStringList& files = {}) const;

    // Writes what `kind` exports to (or beside) `path`; returns the files written.
    QStringList write(ExportKind kind, const QString& path) const;

    QString caption() const;      // metrics and times, one line each
    QString commandLine() const;  // `bragg simulate` + flags

private:
    ComparisonView& view_;
    RenderResultPtr result_;
};

}  // namespace bragg::ui
