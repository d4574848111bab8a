import type * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { ContainerPorts, Mailpit } from '../building-blocks/mailpit';

/**
 * What every stage is: a construct around one Mailpit, which it stands for where cdk8s-plus takes a
 * pod selector or a network peer (`kplus.Service.select(stage)`, `connections.allowTo(stage)`).
 */
export abstract class MailpitStage extends Construct implements kplus.IPodSelector, kplus.INetworkPolicyPeer {
  /** The Mailpit of the stage. */
  public abstract readonly mailpit: Mailpit;

  /** The pods of its Mailpit: see {@link Mailpit.toPodSelectorConfig}. */
  public toPodSelectorConfig(): kplus.PodSelectorConfig {
    return this.mailpit.toPodSelectorConfig();
  }

  /** The pods of its Mailpit as a network peer. */
  public toNetworkPolicyPeerConfig(): kplus.NetworkPolicyPeerConfig {
    return this.mailpit.toNetworkPolicyPeerConfig();
  }

  /** The pods of its Mailpit. */
  public toPodSelector(): kplus.IPodSelector {
    return this.mailpit.toPodSelector();
  }

  /** The Mailpit container and its ports, which `connections.allowTo(stage)` admits. */
  public get containers(): readonly ContainerPorts[] {
    return this.mailpit.containers;
  }

  /** Makes the Mailpit's workload the stage's default child, for `ApiObject.of(stage.node.defaultChild!)`. */
  protected adopt(mailpit: Mailpit): void {
    this.node.defaultChild = mailpit.workload;
  }
}
