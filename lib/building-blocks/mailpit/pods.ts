import type * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';

/** A container and its ports, as cdk8s-plus reads them off a peer for `connections.allowTo(peer)`. */
export interface ContainerPorts {
  readonly name: string;
  readonly ports: readonly { readonly name: string; readonly number: number }[];
}

/**
 * Pods of a Mailpit as cdk8s-plus selects pods: by their labels, in their namespace when they have
 * one. `allowTo` admits the ports of their container.
 */
export class MailpitPods extends Construct implements kplus.IPodSelector, kplus.INetworkPolicyPeer {
  public constructor(
    scope: Construct,
    id: string,
    /** The labels that select these pods. */
    public readonly labels: Readonly<Record<string, string>>,
    /** Their namespace; undefined when no Chart or prop sets one. */
    public readonly namespace: string | undefined,
    /** Their Mailpit container and its ports. */
    public readonly containers: readonly ContainerPorts[],
  ) {
    super(scope, id);
  }

  public toPodSelectorConfig(): kplus.PodSelectorConfig {
    return podSelectorConfig(this.labels, this.namespace);
  }

  public toNetworkPolicyPeerConfig(): kplus.NetworkPolicyPeerConfig {
    return { podSelector: this.toPodSelectorConfig() };
  }

  public toPodSelector(): kplus.IPodSelector {
    return this;
  }
}

/** Pods by their labels, in their namespace when they have one, as cdk8s-plus selects pods. */
export function podSelectorConfig(labels: Readonly<Record<string, string>>, namespace: string | undefined): kplus.PodSelectorConfig {
  return {
    labelSelector: plus().LabelSelector.of({ labels: { ...labels } }),
    namespaces: namespace === undefined ? undefined : { names: [namespace] },
  };
}

/** cdk8s-plus-27, loaded when a caller of it asks: the command line never does. */
function plus(): typeof kplus {
  return require('cdk8s-plus-27') as typeof kplus;
}
