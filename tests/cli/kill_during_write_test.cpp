// kill -9 during a write: `bragg simulate` writes a 2048² raw float image (16 MiB) and its SMV
// (8 MiB) over files that already hold known old contents, and is killed with SIGKILL at many
// moments — during the render, right as a temporary file appears, and at growing delays into the
// write and fsync. After every kill each final path holds either the old file, intact, or the
// complete new file, byte for byte a finished run's — never a truncated one.
//
// Where the temporary files go: every output is written to "<path>.tmp.<pid>.<n>" in the target's
// own directory (a rename is only atomic within one file system) and renamed over <path> once
// complete and fsync'ed. A SIGKILL can leave such a file behind; it is never read, never collides
// with a later run's (new pid, O_EXCL) and may be deleted at any time. The test checks that
// leftovers carry exactly that name and do not disturb the next run.
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <algorithm>
#include <csignal>

#include <sys/types.h>

#include "TestSupport.h"

namespace {

constexpr int kPixels = 2048;
constexpr qint64 kFloatSize = qint64(kPixels) * kPixels * 4;
constexpr qint64 kSmvSize = 512 + qint64(kPixels) * kPixels * 2;

QStringList simulateArgs() {
    // A small -roi keeps the render short (also under the sanitizers); the files are still full
    // size, zero outside the region.
    return {"simulate",
            "--quiet",
            "-cell",
            "100",
            "100",
            "100",
            "90",
            "90",
            "90",
            "-default_F",
            "100",
            "-N",
            "1",
            "-distance",
            "100",
            "-detpixels",
            QString::number(kPixels),
            "-roi",
            "0",
            "63",
            "0",
            "63",
            "-oversample",
            "1",
            "-nopgm",
            "-nonoise",
            "-floatfile",
            "out.bin",
            "-intfile",
            "out.img"};
}

QByteArray oldContents(const char* tag) {
    QByteArray bytes;
    for (int i = 0; i < 4096; ++i) bytes += QByteArray("old ") + tag + ' ' + QByteArray::number(i) + '\n';
    return bytes;
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

QStringList temporaries(const QString& dir) {
    return QDir(dir).entryList({"*.tmp.*"}, QDir::Files | QDir::Hidden, QDir::Name);
}

enum class Outcome { Old, New, Bad };

// The file at `path` is the old one, intact, or the complete new one (size and bytes).
Outcome classify(const QString& path, const QByteArray& old, const QByteArray& expected, qint64 expectedSize,
                 QString* why) {
    const QFileInfo info(path);
    if (!info.exists()) {
        *why = path + " is missing";
        return Outcome::Bad;
    }
    const QByteArray bytes = testsupport::readAll(path);
    if (bytes == old) return Outcome::Old;
    if (bytes.size() != expectedSize) {
        *why = QString("%1: %2 bytes, neither the old file (%3) nor the complete new one (%4)")
                   .arg(path)
                   .arg(bytes.size())
                   .arg(old.size())
                   .arg(expectedSize);
        return Outcome::Bad;
    }
    if (bytes != expected) {
        *why = path + ": complete size but wrong contents";
        return Outcome::Bad;
    }
    return Outcome::New;
}

}  // namespace

class KillDuringWriteTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(QFile::exists(qEnvironmentVariable("BRAGG_BIN")), "set BRAGG_BIN"); }

    void sigkillNeverLeavesATruncatedFile() {
        QTemporaryDir refDir, dir;
        QVERIFY(refDir.isValid() && dir.isValid());

        // The complete new files, from an uninterrupted run, timed: start → first temporary file
        // → exit (the write phase: two files, each written, fsync'ed and renamed).
        const QString bragg = qEnvironmentVariable("BRAGG_BIN");
        QElapsedTimer clock;
        QProcess refRun;
        refRun.setWorkingDirectory(refDir.path());
        refRun.setProcessChannelMode(QProcess::ForwardedChannels);
        clock.start();
        refRun.start(bragg, simulateArgs());
        QVERIFY(refRun.waitForStarted(10000));
        qint64 writeStartMs = -1;
        while (!refRun.waitForFinished(1)) {
            if (writeStartMs < 0 && !temporaries(refDir.path()).isEmpty()) writeStartMs = clock.elapsed();
            QVERIFY2(clock.elapsed() < 300000, "bragg simulate did not finish");
        }
        QCOMPARE(refRun.exitCode(), 0);
        const qint64 fullRunMs = clock.elapsed();
        const qint64 writeMs = std::max<qint64>(20, fullRunMs - std::max<qint64>(writeStartMs, 0));
        qInfo("uninterrupted run: %lld ms, of which writing about %lld ms", fullRunMs, writeMs);
        const QByteArray newFloat = testsupport::readAll(refDir.filePath("out.bin"));
        const QByteArray newSmv = testsupport::readAll(refDir.filePath("out.img"));
        QCOMPARE(newFloat.size(), kFloatSize);
        QCOMPARE(newSmv.size(), kSmvSize);
        QVERIFY(temporaries(refDir.path()).isEmpty());  // an uninterrupted run leaves none

        const QByteArray oldFloat = oldContents("float"), oldSmv = oldContents("smv");
        const QString floatPath = dir.filePath("out.bin"), smvPath = dir.filePath("out.img");

        // Kill moments: three by the clock (start-up and render), then seven timed from the moment
        // the first temporary file appears, spread over the measured write phase (0 = as the first
        // write begins; the later ones land in the second file, the fsyncs, between the renames,
        // or just after the end).
        const int clockDelaysMs[] = {5, 30, 100};
        const double writeFractions[] = {0, 0.05, 0.2, 0.4, 0.6, 0.8, 1.2};
        int midWriteKills = 0, oldOutcomes = 0, newOutcomes = 0;
        for (int round = 0; round < 10; ++round) {
            QVERIFY(writeFile(floatPath, oldFloat));
            QVERIFY(writeFile(smvPath, oldSmv));
            QProcess p;
            p.setWorkingDirectory(dir.path());
            p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            const QStringList before = temporaries(dir.path());
            p.start(bragg, simulateArgs());
            QVERIFY(p.waitForStarted(10000));
            const auto pid = pid_t(p.processId());
            QElapsedTimer t;
            t.start();
            bool sawTemp = false;
            if (round < 3) {
                QThread::msleep(clockDelaysMs[round]);
            } else {
                // Poll for a new temporary file (at most the length of a full run, plus slack).
                while (p.state() == QProcess::Running && t.elapsed() < 4 * fullRunMs + 10000) {
                    if (temporaries(dir.path()).size() > before.size()) {
                        sawTemp = true;
                        break;
                    }
                    QThread::usleep(200);
                }
                QThread::msleep(static_cast<unsigned long>(writeFractions[round - 3] * double(writeMs)));
            }
            const bool killedWhileRunning = p.state() == QProcess::Running;
            ::kill(pid, SIGKILL);
            QVERIFY(p.waitForFinished(30000));
            const QStringList left = temporaries(dir.path());
            if (killedWhileRunning && left.size() > before.size()) ++midWriteKills;
            qInfo("round %d: %s, killed %s after %lld ms, %lld temporary file(s) left", round,
                  sawTemp ? "temporary file seen" : "by the clock",
                  killedWhileRunning ? "while running" : "after it ended", t.elapsed(),
                  qint64(left.size() - before.size()));

            for (const auto& [path, old, expected, size] :
                 {std::tuple{floatPath, oldFloat, newFloat, kFloatSize},
                  std::tuple{smvPath, oldSmv, newSmv, kSmvSize}}) {
                QString why;
                const Outcome o = classify(path, old, expected, size, &why);
                QVERIFY2(o != Outcome::Bad, qPrintable(QString("round %1: %2").arg(round).arg(why)));
                (o == Outcome::Old ? oldOutcomes : newOutcomes)++;
            }
        }
        qInfo("%d kill(s) landed mid-write; outcomes: %d old file(s) intact, %d complete new file(s)",
              midWriteKills, oldOutcomes, newOutcomes);
        QVERIFY2(midWriteKills > 0, "no kill landed while a temporary file was being written");
        QVERIFY(oldOutcomes > 0);

        // Leftovers are only "<name>.tmp.<pid>.<n>" beside the targets, and they do not disturb
        // the next run, which replaces both files completely and adds no temporary file.
        const QStringList left = temporaries(dir.path());
        const QRegularExpression tempName(R"(^out\.(bin|img)\.tmp\.\d+\.\d+$)");
        for (const QString& name : left) QVERIFY2(tempName.match(name).hasMatch(), qPrintable(name));
        const auto again = testsupport::runBragg(simulateArgs(), dir.path());
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(testsupport::readAll(floatPath), newFloat);
        QCOMPARE(testsupport::readAll(smvPath), newSmv);
        QCOMPARE(temporaries(dir.path()), left);
        QStringList all = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden);
        for (const QString& name : left) all.removeAll(name);
        QCOMPARE(all, QStringList({"out.bin", "out.img"}));
    }
};

QTEST_MAIN(KillDuringWriteTest)
#include "kill_during_write_test.moc"
