// The generic column reader (docs/formats.md §4) and its quirks, plus -sourcefile / -stol wrappers.
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <optional>

#include "IoTestSupport.h"
#include "core/Error.h"
#include "io/ColumnFile.h"

using namespace bragg;
using namespace iotest;
using Rec = io::ColumnRecord;
constexpr std::nullopt_t none = std::nullopt;

namespace {}  // namespace

class IoColumnsTest : public QObject {
    Q_OBJECT
private slots:
    void separatorsAndBlankLines() {
        QTemporaryDir dir;
        auto path = writeFile(dir, "s.txt", "\n1,2;3:4!5\t6\n \t,;:!\n\n  -1 -2\n");
        auto r = io::readColumns(path, 5);
        QCOMPARE(r.size(), std::size_t(2));               // separator-only and empty lines are skipped
        QVERIFY((r[0] == Rec{1.0, 2.0, 3.0, 4.0, 5.0}));  // sixth column ignored
        QVERIFY((r[1] == Rec{-1.0, -2.0, none, none, none}));
    }

    void hashLineIsARecordOfZeros() {
        QTemporaryDir dir;
        auto path = writeFile(dir, "h.txt", "# x y\n#\n3 4\n");
        auto r = io::readColumns(path, 3);
        QCOMPARE(r.size(), std::size_t(3));
        QVERIFY((r[0] == Rec{0.0, 0.0, 0.0}));
        QVERIFY((r[1] == Rec{0.0, none, none}));
        QVERIFY((r[2] == Rec{3.0, 4.0, none}));
    }

    void atofSemantics() {
        QTemporaryDir dir;
        auto path = writeFile(dir, "a.txt", "1.5abc 2e3x -.5 abc 0x10\n+7 1e 3.\n");
        auto r = io::readColumns(path, 5);
        QVERIFY((r[0] == Rec{1.5, 2000.0, -0.5, 0.0, 16.0}));
        QVERIFY((r[1] == Rec{7.0, 1.0, 3.0, none, none}));
    }

    void trailingSeparatorStillMissing() {
        QTemporaryDir dir;
        auto path = writeFile(dir, "t.txt", "1 2 \n");
        QVERIFY((io::readColumns(path, 4)[0] == Rec{1.0, 2.0, none, none}));
    }

    void lastLineWithoutNewlineGivesZeros() {
        QTemporaryDir dir;
        auto path = writeFile(dir, "q.txt", "1 2\n7 8");
        auto r = io::readColumns(path, 4);
        QVERIFY((r[0] == Rec{1.0, 2.0, none, none}));
        QVERIFY((r[1] == Rec{7.0, 8.0, 0.0, 0.0}));  // the quirk: 0, not missing
        // A final line of separators without a newline is a record too (fields 0).
        path = writeFile(dir, "q2.txt", "5\n  ");
        r = io::readColumns(path, 2);
        QCOMPARE(r.size(), std::size_t(2));
        QVERIFY((r[1] == Rec{0.0, 0.0}));
    }

    void carriageReturnIsNotASeparator() {
        QTemporaryDir dir;
        auto path = writeFile(dir, "crlf.txt", "1 2\r\n\r\n");
        auto r = io::readColumns(path, 3);
        QCOMPARE(r.size(), std::size_t(2));
        QVERIFY((r[0] == Rec{1.0, 2.0, none}));
        QVERIFY((r[1] == Rec{0.0, none, none}));  // "\r\n" is not blank
    }

    void longLinesSplitLikeFgets() {
        QTemporaryDir dir;
        // 10239 characters fill one fgets buffer; the rest of the line is read as the next line.
        auto path = writeFile(dir, "long.txt", "5" + std::string(10238, ' ') + "7 8\n");
        auto r = io::readColumns(path, 3);
        QCOMPARE(r.size(), std::size_t(2));
        QVERIFY((r[0] == Rec{5.0, 0.0, 0.0}));  // no newline in that chunk
        QVERIFY((r[1] == Rec{7.0, 8.0, none}));
    }

    void nulEndsTheLine() {
        QTemporaryDir dir;
        auto path = writeFile(dir, "nul.txt", std::string("1 2\0 3 4\n", 9));
        QVERIFY((io::readColumns(path, 3)[0] == Rec{1.0, 2.0, 0.0}));
    }

    void noRecordsIsAnError() {
        QTemporaryDir dir;
        auto empty = writeFile(dir, "e.txt", "");
        QCOMPARE(inputErrorOf([&] { io::readColumns(empty, 2); }),
                 QString::fromStdString(empty) + ": no records (file is empty or blank)");
        auto blank = writeFile(dir, "b.txt", "\n , \n");
        QVERIFY(inputErrorOf([&] { io::readColumns(blank, 2); }).contains("no records"));
        auto missing = dir.filePath("nope.txt").toStdString();
        QCOMPARE(inputErrorOf([&] { io::readStolFile(missing); }),
                 QString::fromStdString(missing) + ": cannot open: No such file or directory");
    }

    void sourceFile() {
        QTemporaryDir dir;
        auto path = writeFile(dir, "src.txt", "-10 0 0 1 1e-10\n-10 0.01\n");
        auto s = io::readSourceFile(path);
        QCOMPARE(s.size(), std::size_t(2));
        QCOMPARE(s[0].x, std::optional(-10.0));
        QCOMPARE(s[0].lambda, std::optional(1e-10));
        QCOMPARE(s[1].y, std::optional(0.01));
        QVERIFY(!s[1].z && !s[1].weight && !s[1].lambda);
    }

    void stolFile() {
        QTemporaryDir dir;
        auto path = writeFile(dir, "stol.txt", "0.1 5\n0.2\n0.3");
        auto rows = io::readStolFile(path);
        QCOMPARE(rows.size(), std::size_t(3));
        QCOMPARE(rows[0], std::make_pair(0.1, 5.0));
        QCOMPARE(rows[1], std::make_pair(0.2, 0.0));
        QCOMPARE(rows[2], std::make_pair(0.3, 0.0));
    }
};

QTEST_MAIN(IoColumnsTest)
#include "io_columns_test.moc"
