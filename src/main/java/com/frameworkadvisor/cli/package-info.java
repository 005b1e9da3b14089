/**
 * The command line: {@code questions}, {@code recommend q=opt …} and {@code --batch}, on the same decision module.
 */
package com.frameworkadvisor.cli;
