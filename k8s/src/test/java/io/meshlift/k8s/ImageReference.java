package io.meshlift.k8s;

/**
 * A container image reference split into repository, tag and digest. The tag is what follows the
 * last {@code :} after the last {@code /}, so a registry port ({@code host:5000/app}) is not a tag.
 */
record ImageReference(String repository, String tag, String digest) {

    static ImageReference parse(String image) {
        String rest = image;
        String digest = "";
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        int slash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > slash) {
            return new ImageReference(rest.substring(0, colon), rest.substring(colon + 1), digest);
        }
        return new ImageReference(rest, "", digest);
    }

    /** Pinned: a digest, or a tag other than {@code latest}; an absent tag means latest. */
    boolean isPinned() {
        return !digest.isEmpty() || (!tag.isEmpty() && !tag.equals("latest"));
    }

    @Override
    public String toString() {
        return repository + (tag.isEmpty() ? "" : ":" + tag) + (digest.isEmpty() ? "" : "@" + digest);
    }
}
