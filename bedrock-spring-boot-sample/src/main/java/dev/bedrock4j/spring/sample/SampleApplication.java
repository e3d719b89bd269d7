package dev.bedrock4j.spring.sample;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application that triages support tickets with Bedrock. Everything Bedrock-related comes from the
 * starter and {@code application.yml}: the {@code ChatModel} bean, its resilience policy, its metrics in the
 * actuator's registry and the {@code bedrock} health. Run {@link #main} with tickets as arguments, such as
 * {@code "The printer is on fire" "Please add a dark mode"}, to triage them on Bedrock with the AWS credentials and
 * region of your environment; the tests run it on the local server instead.
 */
@SpringBootApplication
public class SampleApplication {

    /**
     * Starts the application.
     *
     * @param args the tickets to triage
     */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }

    /**
     * Prints the priority of each ticket given as an argument.
     *
     * @param triage the triage service
     * @return the runner
     */
    @Bean
    CommandLineRunner triageArguments(TicketTriage triage) {
        return args -> {
            for (String ticket : args) {
                System.out.println(triage.prioritize(ticket) + "  " + ticket);
            }
        };
    }
}
