package dev.tollgate.video;

import dev.tollgate.support.IntegrationTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * The application with no workers and no timeout sweeps of its own, so a test decides which workers run, with which
 * upstream, and when.
 * Every class so annotated shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
// the tests run the timeout sweeper themselves, when they want it to race
@TestPropertySource(properties = {"tollgate.video.workers=0", "tollgate.video.sweep-interval=1h"})
@interface QueueWithoutWorkers {}
