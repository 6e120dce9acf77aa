#pragma once
// Shared set-up of the widget tests: the offscreen platform, a test organisation name, and a
// throw-away settings directory (XDG_CONFIG_HOME) so that no test reads or writes the user's
// settings.
#include <QCoreApplication>
#include <QGuiApplication>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

namespace testsupport {

// Call from initTestCase(); `settingsHome` must outlive the test object's test functions.
// Records a test failure (and returns) if the platform is not offscreen or the directory failed.
inline void isolateUiTest(const QString& settingsHome, bool requireOffscreen = true) {
    if (requireOffscreen) QCOMPARE(QGuiApplication::platformName(), QStringLiteral("offscreen"));
    QCoreApplication::setOrganizationName(QStringLiteral("BraggStudioTest"));
    QVERIFY(!settingsHome.isEmpty());
    qputenv("XDG_CONFIG_HOME", settingsHome.toLocal8Bit());
}

}  // namespace testsupport
