#pragma once
// Helpers of the bragg hunt tests (tests/cli/hunt_cli_test, tests/differential/hunt_ports_test):
// fake ports and hunt.json's schema.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "TestSupport.h"

namespace testsupport {

inline QJsonObject readJson(const QString& path) { return QJsonDocument::fromJson(readAll(path)).object(); }

// `bragg simulate` with the reference engine, as a port's program.
inline const QString kBraggSimulate = "\"$BRAGG_BIN\" simulate --engine reference --quiet";

// A fake port: `program` on the flags after `filter` (POSIX sh that rebuilds "$@" one word at
// a time; $a is the word, $prev the one before it; "continue" drops it).
inline QString writePort(const QString& dir, const QString& name, const QString& filter,
                         const QString& program = kBraggSimulate) {
    const QString path = dir + "/" + name;
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(QString("#!/bin/sh\n"
                    "prev=\n"
                    "for a in \"$@\"; do\n"
                    "  shift\n"
                    "  %1\n"
                    "  prev=$a\n"
                    "  set -- \"$@\" \"$a\"\n"
                    "done\n"
                    "exec %2 \"$@\"\n")
                .arg(filter, program)
                .toUtf8());
    f.close();
    f.setPermissions(f.permissions() | QFile::ExeOwner);
    return path;
}

// Breakages: a sign flipped in a rotation; a flag dropped (the φ start angle).
inline const QString kFlipRotx =
    "if [ \"$prev\" = -detector_rotx ]; then case \"$a\" in -*) a=\"${a#-}\";; *) a=\"-$a\";; esac; fi";
inline const QString kDropPhi = "if [ \"$a\" = -phi ] || [ \"$prev\" = -phi ]; then prev=$a; continue; fi";

// What every configuration needs, as base flags: the minimal flags then hold only what a defect
// needs (and the detector size is not pinned).
inline const QStringList kHuntBase = {"--", "-cell", "100",        "100", "100",        "90",
                                      "90", "90",    "-default_F", "100", "-detpixels", "16"};

// The flag words of a flag list.
inline QStringList flagNames(const QJsonArray& flags) {
    QStringList names;
    for (const QJsonValue& w : flags)
        if (w.toString().size() > 1 && w.toString().startsWith('-') && !w.toString().at(1).isDigit())
            names << w.toString();
    return names;
}

// hunt.json's documented keys and types (README "bragg hunt"), and hunt.md's sections.
inline void checkHuntSchema(const QJsonObject& j, const QString& mdPath) {
    QCOMPARE(j["schema"].toString(), QString("bragg-hunt/1"));
    const QJsonObject settings = j["settings"].toObject();
    for (const char* key :
         {"seed", "size_max", "families", "base_flags", "thresholds", "peaks", "reference", "candidate"})
        QVERIFY2(settings.contains(key), key);
    for (const char* key : {"configs_requested", "time_budget_s", "configs_done", "stopped", "elapsed_s",
                            "failed", "skipped", "first_skip_reason", "families", "findings", "interrupted"})
        QVERIFY2(j.contains(key), key);
    for (const QJsonValue& v : j["families"].toArray()) {
        const QJsonObject f = v.toObject();
        QVERIFY(f["family"].isString() && f["tried"].isDouble() && f["failed"].isDouble() &&
                f["findings"].isArray());
        QVERIFY(f["failed"].toInt() <= f["tried"].toInt());
    }
    int failed = 0;
    for (const QJsonValue& v : j["findings"].toArray()) {
        const QJsonObject f = v.toObject();
        for (const char* key :
             {"id", "kind", "failed_metrics", "flag_names", "minimal_flags", "minimal_command",
              "shrink_tests", "shrink_complete", "result", "occurrences"})
            QVERIFY2(f.contains(key), key);
        const QJsonObject result = f["result"].toObject();
        QVERIFY(result["failures"].isArray());
        if (f["kind"].toString() == "metrics") {
            QVERIFY(result["metrics"].toObject().contains("pearson"));
            const QJsonObject pixel = result["largest_difference"].toObject();
            QVERIFY(pixel.contains("fast") && pixel.contains("slow") && pixel.contains("reference") &&
                    pixel.contains("candidate"));
        }
        for (const QJsonValue& o : f["occurrences"].toArray()) {
            for (const char* key : {"index", "flags", "command", "families", "failures", "inputs_dir"})
                QVERIFY2(o.toObject().contains(key), key);
            ++failed;
        }
    }
    QCOMPARE(j["failed"].toInt(), failed);
    const QString md = QString::fromUtf8(readAll(mdPath));
    QVERIFY(md.contains("## Families") && md.contains("## Findings"));
}

}  // namespace testsupport
