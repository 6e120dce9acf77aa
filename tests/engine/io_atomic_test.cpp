// writeFileAtomically: content lands under the final name only when complete; no temp files survive.
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <csignal>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "IoTestSupport.h"
#include "core/Error.h"
#include "io/AtomicFile.h"

using namespace bragg;
using namespace iotest;

namespace {

std::string slurp(const QString& path) {
    std::ifstream in(path.toStdString(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

QStringList entries(const QTemporaryDir& dir) {
    return QDir(dir.path()).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
}

// Message of the bragg::Error(Input) thrown by f; "<none>" or "<wrong kind>" otherwise.

}  // namespace

class IoAtomicTest : public QObject {
    Q_OBJECT
private slots:
    void writesContentWithoutLeftovers() {
        QTemporaryDir dir;
        const QString path = dir.filePath("out.bin");
        io::writeFileAtomically(path.toStdString(), [](std::ostream& os) {
            os << "hello";
            std::string big(200000, 'x');  // larger than the stream buffer
            os.write(big.data(), std::streamsize(big.size()));
            os.put('!');
        });
        const std::string data = slurp(path);
        QCOMPARE(data.size(), std::size_t(5 + 200000 + 1));
        QCOMPARE(data.substr(0, 6), std::string("hellox"));
        QCOMPARE(data.back(), '!');
        QCOMPARE(entries(dir), QStringList{"out.bin"});
    }

    void replacesExistingFile() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("f.txt").toStdString();
        io::writeFileAtomically(path, std::string_view("first version, long"));
        io::writeFileAtomically(path, std::string_view("second"));
        QCOMPARE(slurp(QString::fromStdString(path)), std::string("second"));
        QCOMPARE(entries(dir), QStringList{"f.txt"});
    }

    void byteSpanOverload() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("b.bin").toStdString();
        const std::byte raw[] = {std::byte{0}, std::byte{0xFF}, std::byte{0x0C}, std::byte{'\n'}};
        io::writeFileAtomically(path, std::span<const std::byte>(raw));
        QCOMPARE(slurp(QString::fromStdString(path)), std::string("\0\xFF\f\n", 4));
    }

    void writerExceptionLeavesNothing() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("never.bin").toStdString();
        bool caught = false;
        try {
            io::writeFileAtomically(path, [](std::ostream& os) {
                os << std::string(100000, 'p');  // partial data already on disk
                throw std::runtime_error("render failed");
            });
        } catch (const std::runtime_error& e) {
            caught = std::string(e.what()) == "render failed";  // propagated unchanged
        }
        QVERIFY(caught);
        QCOMPARE(entries(dir), QStringList{});
    }

    void writerExceptionKeepsOldFile() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("keep.txt").toStdString();
        io::writeFileAtomically(path, std::string_view("old"));
        try {
            io::writeFileAtomically(path, [](std::ostream& os) {
                os << "new partial";
                throw inputError("cancel");
            });
        } catch (const Error&) {
        }
        QCOMPARE(slurp(QString::fromStdString(path)), std::string("old"));
        QCOMPARE(entries(dir), QStringList{"keep.txt"});
    }

    void failedStreamIsAnError() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("bad.txt").toStdString();
        QString msg = inputErrorOf(
            [&] { io::writeFileAtomically(path, [](std::ostream& os) { os.setstate(std::ios::badbit); }); });
        QVERIFY2(msg.startsWith(QString::fromStdString(path) + ": cannot write: "), qPrintable(msg));
        QCOMPARE(entries(dir), QStringList{});
    }

    void missingDirectoryIsAnError() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("no/such/dir/x.img").toStdString();
        QString msg = inputErrorOf([&] { io::writeFileAtomically(path, std::string_view("x")); });
        QCOMPARE(msg, QString::fromStdString(path) + ": cannot write: No such file or directory");
    }

    void renameOntoDirectoryFailsCleanly() {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir("target"));
        QDir(dir.path() + "/target").mkdir("child");  // non-empty directory: rename must fail
        const std::string path = dir.filePath("target").toStdString();
        QString msg = inputErrorOf([&] { io::writeFileAtomically(path, std::string_view("x")); });
        QVERIFY2(msg.startsWith(QString::fromStdString(path) + ": cannot write: "), qPrintable(msg));
        QVERIFY(!msg.contains('\n'));
        QCOMPARE(entries(dir), QStringList{"target"});
    }

    // A device or FIFO target is written in place and stays what it is (a user's `-floatfile
    // /dev/null`); the bytes reach the reader, through a library-style PendingFile too.
    void fifoTargetIsWrittenInPlace() {
        QTemporaryDir dir;
        const std::string fifo = dir.filePath("pipe").toStdString();
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        for (const bool byName : {false, true}) {
            std::string received;
            std::thread reader([&] { received = slurp(QString::fromStdString(fifo)); });
            if (byName)
                io::writeFileAtomicallyByName(fifo, [](const std::string& temp) {
                    std::ofstream(temp, std::ios::binary) << "by name";
                });
            else
                io::writeFileAtomically(fifo, std::string_view("streamed"));
            reader.join();
            QCOMPARE(received, std::string(byName ? "by name" : "streamed"));
            struct stat st {};
            QCOMPARE(::lstat(fifo.c_str(), &st), 0);
            QVERIFY(S_ISFIFO(st.st_mode));
        }
        // No temporary file left beside it (QDir::System lists the FIFO itself).
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot),
                 QStringList{"pipe"});
    }

    // A symbolic link stays a link; the file it names gets the bytes.
    void symlinkIsKept() {
        QTemporaryDir dir;
        const std::string target = dir.filePath("data.bin").toStdString(),
                          link = dir.filePath("link.bin").toStdString();
        io::writeFileAtomically(target, std::string_view("old"));
        QCOMPARE(::symlink(target.c_str(), link.c_str()), 0);
        io::writeFileAtomically(link, std::string_view("new"));
        struct stat st {};
        QCOMPARE(::lstat(link.c_str(), &st), 0);
        QVERIFY(S_ISLNK(st.st_mode));
        QCOMPARE(slurp(QString::fromStdString(target)), std::string("new"));
    }

    void killMidWriteLeavesOldFile() {
        // A child process is SIGKILLed while its writer is half done: the final name must still
        // hold the previous complete content.
        QTemporaryDir dir;
        const std::string path = dir.filePath("img.bin").toStdString();
        io::writeFileAtomically(path, std::string_view("complete old file"));
        int ready[2];
        QCOMPARE(::pipe(ready), 0);
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            ::close(ready[0]);
            io::writeFileAtomically(path, [&](std::ostream& os) {
                os << std::string(1 << 20, 'n');
                os.flush();
                (void)!::write(ready[1], "x", 1);
                for (;;) ::pause();  // killed here, mid-write
            });
            ::_exit(0);
        }
        ::close(ready[1]);
        char c = 0;
        QCOMPARE(::read(ready[0], &c, 1), ssize_t(1));
        ::close(ready[0]);
        ::kill(child, SIGKILL);
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY(WIFSIGNALED(status));
        QCOMPARE(slurp(QString::fromStdString(path)), std::string("complete old file"));
        // The abandoned temp file is the only trace, and it is not under the final name.
        const QStringList files = entries(dir);
        QCOMPARE(files.size(), 2);
        QVERIFY(files.contains("img.bin"));
        QVERIFY(files.filter(QRegularExpression("^img\\.bin\\.tmp\\.\\d+\\.\\d+$")).size() == 1);
    }
};

QTEST_MAIN(IoAtomicTest)
#include "io_atomic_test.moc"
