package com.frameworkadvisor.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** For end-to-end tests: a fresh real app (and its fake Slack) for each test, closed after it. */
public abstract class AppUnderTest {
    protected TestApp app;

    @BeforeEach
    final void startApp() {
        app = TestApp.start();
    }

    @AfterEach
    final void stopApp() {
        app.close();
    }
}
