// The man pages the build generates (packaging/ManPages.cmake, `--help-man`): bragg.1 lists
// every row of the flag table with its values and help, in table order, and every option of each
// command's --help; bragg-studio.1 every option of its --help; both are clean roff (groff -ww).
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QtTest>

#include "Roff.h"
#include "params/FlagTable.h"

namespace {

QString manDir() { return qEnvironmentVariable("BRAGG_MAN_DIR"); }

QString page(const QString& name) {
    QFile f(manDir() + "/" + name);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// The lines of one .SH section (up to the next .SH).
QStringList section(const QString& roff, const QString& title) {
    const QStringList lines = roff.split('\n');
    const qsizetype start = lines.indexOf(".SH " + title);
    if (start < 0) return {};
    qsizetype end = start + 1;
    while (end < lines.size() && !lines[end].startsWith(".SH ")) ++end;
    return lines.mid(start + 1, end - start - 1);
}

QString run(const QString& program, const QStringList& args) {
    QProcess p;
    p.start(program, args);
    p.waitForFinished(60000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

// Every "--option" a --help text mentions must appear in the page (as roff, "\-\-option").
void checkOptionsOf(const QString& help, const QString& roff) {
    static const QRegularExpression option("(?<![\\w-])--[a-z][a-z0-9-]*");
    int found = 0;
    for (auto it = option.globalMatch(help); it.hasNext(); ++found) {
        const QString name = it.next().captured();
        QVERIFY2(roff.contains(QString::fromStdString(bragg::man::escape(name.toStdString()))),
                 qPrintable(name + " is in --help but not in the man page"));
    }
    QVERIFY(found > 0);
}

// groff with every warning on: no output on stderr.
void checkRoff(const QString& path) {
    const QString groff = QStandardPaths::findExecutable("groff");
    if (groff.isEmpty()) QSKIP("groff not installed (Debian: groff-base)");
    QProcess p;
    p.start(groff, {"-man", "-Tutf8", "-ww", "-z", path});
    QVERIFY(p.waitForFinished(60000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(err.isEmpty(), qPrintable(err));
    QCOMPARE(p.exitCode(), 0);
}

}  // namespace

class ManPageTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY2(QFile::exists(manDir() + "/bragg.1"), "set BRAGG_MAN_DIR (build the bragg_man target)");
        QVERIFY2(QFile::exists(manDir() + "/bragg.1.gz"), "bragg.1.gz missing");
    }

    // One .TP item per table row, in table order within each group, with values and help.
    void flagSectionIsTheFlagTable() {
        const QStringList lines = section(page("bragg.1"), "NANOBRAGG FLAGS");
        QStringList tags, descriptions;
        for (qsizetype i = 0; i + 2 < lines.size(); ++i)
            if (lines[i] == ".TP") {
                tags << lines[i + 1];
                descriptions << lines[i + 2];
            }
        QStringList expectedTags;
        QList<const bragg::FlagSpec*> rows;
        for (const char* group : bragg::nanoBraggFlagGroups()) {
            QVERIFY2(lines.contains(".SS " + QString::fromUtf8(group)), group);
            for (const bragg::FlagSpec& row : bragg::nanoBraggFlagTable())
                if (std::string(row.group) == group) {
                    const std::string term = row.name + (*row.values ? std::string(" ") + row.values : "");
                    expectedTags << QString::fromStdString(bragg::man::optionTerm(term));
                    rows << &row;
                }
        }
        QCOMPARE(rows.size(), qsizetype(bragg::nanoBraggFlagTable().size()));  // every row has a group
        QCOMPARE(tags, expectedTags);
        for (qsizetype i = 0; i < rows.size(); ++i)
            QVERIFY2(descriptions[i].contains(QString::fromStdString(bragg::man::escape(rows[i]->help))),
                     qPrintable(QString::fromStdString(rows[i]->name) + ": help text missing"));
    }

    void everyCommandWithItsOptions() {
        const QString roff = page("bragg.1");
        const QStringList commands = section(roff, "COMMANDS");
        for (const QString verb :
             {"simulate", "compare", "bisect", "parity", "bench", "hunt", "series", "merge"}) {
            QVERIFY2(commands.contains(".SS " + verb), qPrintable(verb));
            checkOptionsOf(run(qEnvironmentVariable("BRAGG_BIN"), {verb, "--help"}), roff);
        }
        // simulate's flag list is the NANOBRAGG FLAGS section, not repeated under COMMANDS.
        QVERIFY(!commands.join('\n').contains("\\-detpixels"));
    }

    void studioPageHasEveryOption() {
        const QString studio = qEnvironmentVariable("BRAGG_STUDIO_BIN");
        if (studio.isEmpty()) QSKIP("built without the GUI");
        QVERIFY(QFile::exists(manDir() + "/bragg-studio.1.gz"));
        checkOptionsOf(run(studio, {"--help"}), page("bragg-studio.1"));
    }

    void pagesAreCleanRoff() {
        checkRoff(manDir() + "/bragg.1");
        if (QFile::exists(manDir() + "/bragg-studio.1")) checkRoff(manDir() + "/bragg-studio.1");
    }
};

QTEST_MAIN(ManPageTest)
#include "manpage_test.moc"
