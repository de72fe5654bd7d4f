/**
 * BytePlus ModelArk's video generation tasks (the Seedance models) as a video channel: submit a task, poll it, and
 * download the finished clip from the address the task gives.
 */
@NullMarked
package dev.tollgate.provider.seedance;

import org.jspecify.annotations.NullMarked;
