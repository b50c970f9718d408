package io.meshlift.it.dataset;

/**
 * What the tests know about one entry of a directory tree, read without following links.
 *
 * @param type FILE, DIRECTORY, SYMLINK or OTHER
 * @param mode permission bits (0 for symlinks, whose bits mean nothing on Linux)
 * @param mtimeNanos modification time at the precision the filesystem keeps
 * @param size file size (0 otherwise)
 * @param sha256 hex SHA-256 of a file's content, computed here with MessageDigest (files only)
 * @param linkTarget a symlink's target exactly as stored (symlinks only)
 */
public record TreeEntry(String type, int mode, long mtimeNanos, long size, String sha256, String linkTarget) {

    public static final String FILE = "FILE";
    public static final String DIRECTORY = "DIRECTORY";
    public static final String SYMLINK = "SYMLINK";
    public static final String OTHER = "OTHER";
}
