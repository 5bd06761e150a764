package io.tapsteer.api.steering;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The service properties of a steering strategy, typed (a Declarative Services component property
 * type). On a component that provides {@link SteeringStrategy},
 * {@code @SteeringStrategyService(name = "port-range")} registers the service with
 * {@value SteeringStrategy#NAME}{@code =port-range}; {@link SteeringStrategy#name()} returns the same name.
 * Build time only: the DS tooling writes the property into the component description.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface SteeringStrategyService {
    /** Prefix of every property this type defines: {@code name} becomes {@value SteeringStrategy#NAME}. */
    String PREFIX_ = "tapsteer.strategy.";

    /** @return the strategy's name, unique among strategies: what {@code steer:use} and a configuration's {@code strategy} name */
    String name();
}
