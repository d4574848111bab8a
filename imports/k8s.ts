// Kubernetes 1.27 L1 classes. `cdk8s import k8s` needs the network, and cdk8s-plus-27 already
// ships the same generated code, so we re-export it instead of vendoring a copy.
export * from 'cdk8s-plus-27/lib/imports/k8s';
