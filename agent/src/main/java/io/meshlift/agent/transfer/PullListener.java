package io.meshlift.agent.transfer;

/**
 * Told what a pull produces, for reporting beyond this agent (the coordinator link). Called on pull
 * threads: implementations must be thread-safe and quick, and must not throw; a listener that fails
 * does not fail the pull.
 *
 * <p>Lifecycle: {@link #fileFinished} once per file, in manifest order, after the file's result is
 * in the pull's own result log; {@link #entryDeleted} once per removed entry, after every file
 * verified; then {@link #pullFinished} once, after the pull's final status is
 * on disk. A pull stopped by an agent shutdown is not finished (it resumes at the next start) and
 * gets no {@link #pullFinished}.
 */
public interface PullListener {

    default void fileFinished(String pullId, FileResult result) {}

    /** Once per destination entry removed because the source no longer lists it (deleteExtraneous). */
    default void entryDeleted(String pullId, ExtraneousEntries.Deleted deleted) {}

    default void pullFinished(PullProgress last) {}
}
