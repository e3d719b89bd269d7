package dev.bedrock4j.examples.agents;

import dev.bedrock4j.tools.Description;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a customer's e-mail to a brokerage is about, as the model extracts it. Values the e-mail does not
 * give are left out, and the model says how sure it is of the whole.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param accountNumber the customer's account number
 * @param stockSymbol the ticker symbol of the stock concerned
 * @param city the city the customer names
 * @param address the postal address the customer gives
 * @param confidence how sure the model is that every value is right and complete, from 0 to 1
 */
@Description("The entities found in a customer e-mail to a brokerage")
public record EmailEntities(
        @Description("The customer's account number, e.g. \"ACC-1234-5678\"; leave it out when the e-mail has none")
        Optional<String> accountNumber,
        @Description("The ticker symbol of the stock the e-mail is about, e.g. \"AMZN\"; leave it out when unclear")
        Optional<String> stockSymbol,
        @Description("The city the customer names, e.g. \"Seattle\"")
        Optional<String> city,
        @Description("The postal address the customer gives: street, number and city")
        Optional<String> address,
        @Description("How sure you are that every value is right and that none is missing, from 0 to 1")
        double confidence) {

    /**
     * Copies the components, so that a missing value is an empty {@code Optional}.
     *
     * @param accountNumber the account number
     * @param stockSymbol the ticker symbol
     * @param city the city
     * @param address the address
     * @param confidence the confidence
     */
    public EmailEntities {
        accountNumber = accountNumber == null ? Optional.empty() : accountNumber;
        stockSymbol = stockSymbol == null ? Optional.empty() : stockSymbol;
        city = city == null ? Optional.empty() : city;
        address = address == null ? Optional.empty() : address;
    }

    /**
     * The values the e-mail did not give.
     *
     * @return their names, in words
     */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        accountNumber.ifPresentOrElse(v -> { }, () -> missing.add("account number"));
        stockSymbol.ifPresentOrElse(v -> { }, () -> missing.add("stock symbol"));
        city.ifPresentOrElse(v -> { }, () -> missing.add("city"));
        address.ifPresentOrElse(v -> { }, () -> missing.add("address"));
        return List.copyOf(missing);
    }
}
