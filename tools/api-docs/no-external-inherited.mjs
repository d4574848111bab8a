// A typedoc plugin: leaves out the members a class inherits from another package (constructs'
// node, with(), toString()...), which that package documents; members inherited from this one stay.
import { Converter, ReflectionKind } from 'typedoc';

export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const members = context.project.getReflectionsByKind(ReflectionKind.Property | ReflectionKind.Method | ReflectionKind.Accessor);
    for (const member of members) {
      const from = member.inheritedFrom;
      if (from && from.reflection === undefined && from.package !== undefined && from.package !== 'cdk8s-mailpit') {
        context.project.removeReflection(member);
      }
    }
  });
}
