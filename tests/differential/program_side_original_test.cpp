// The original program as a side of `bragg compare --run`, on command lines whose last flag
// would swallow appended output flags: a trailing `-misset_seed N` followed by `-floatfile X …`
// is also read as `-misset N 0 0` by nanoBragg, so the runner must put its output flags first.
// Skips when the original program is absent.
#include <QTemporaryDir>
#include <QtTest>

#include "OriginalProgram.h"
#include "TestSupport.h"

class ProgramSideOriginalTest : public QObject {
    Q_OBJECT
private slots:
    void trailingMissetSeedAgrees_data() {
        QTest::addColumn<QStringList>("tail");
        QTest::newRow("random, seed last") << QStringList{"-misset", "random", "-misset_seed", "42"};
        QTest::newRow("seed first, random last") << QStringList{"-misset_seed", "42", "-misset", "random"};
        QTest::newRow("seed read as misset") << QStringList{"-misset_seed", "35", "12", "-7"};
    }
    void trailingMissetSeedAgrees() {
        if (!QFile::exists(testsupport::originalProgram()))
            QSKIP(qPrintable("the original nanoBragg program is absent (" + testsupport::originalProgram() +
                             ")"));
        QFETCH(QStringList, tail);
        QTemporaryDir dir;
        QStringList args{"compare",
                         "--run",
                         "--reference-bin",
                         testsupport::originalProgram(),
                         "--engines",
                         "optimized",
                         "--outdir",
                         dir.filePath("out"),
                         "--",
                         "-cell",
                         "70",
                         "80",
                         "90",
                         "90",
                         "90",
                         "90",
                         "-default_F",
                         "100",
                         "-N",
                         "5",
                         "-detpixels",
                         "64"};
        args << tail;
        const testsupport::CliRun r = testsupport::runBragg(args, dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(QString("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out, r.err)));
        QVERIFY(r.out.contains("verdict: PASS"));
    }
};

QTEST_GUILESS_MAIN(ProgramSideOriginalTest)
#include "program_side_original_test.moc"
