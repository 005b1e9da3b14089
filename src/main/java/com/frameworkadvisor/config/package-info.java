/** The app's configuration, read once from the environment by {@code Main} (tests build it from a map). */
package com.frameworkadvisor.config;
