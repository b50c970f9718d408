package io.meshlift.k8s;

/** A ConfigMap, Secret, ServiceAccount or Issuer named by another object. */
record ObjectReference(String kind, String name) {

    @Override
    public String toString() {
        return kind + "/" + name;
    }
}
