package io.sysotel.collector.conditions;

import io.sysotel.collector.conditions.Condition.And;
import io.sysotel.collector.conditions.Condition.Not;
import io.sysotel.collector.conditions.Condition.Or;
import io.sysotel.collector.conditions.Condition.Term;
import io.sysotel.collector.conditions.ConditionLexer.Token;
import io.sysotel.collector.conditions.ConditionLexer.Type;
import io.sysotel.collector.util.Suggestions;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive descent over the grammar in docs/CONFIGURATION.md: {@code or = and {OR and}}, {@code
 * and = unary {AND unary}}, {@code unary = NOT unary | '(' or ')' | term}.
 */
final class ConditionParser {

  private static final String TERM_START = "a term (key:value), NOT or '('";

  private final String src;
  private final ConditionLexer lexer;
  private final ValueCompiler values;

  ConditionParser(String src) {
    this.src = src;
    this.lexer = new ConditionLexer(src);
    this.values = new ValueCompiler(src);
  }

  Condition parse() {
    if (lexer.peek().type() == Type.END) {
      throw error(lexer.peek(), "a condition such as process.name:curl");
    }
    Condition c = or();
    if (lexer.peek().type() != Type.END) {
      throw error(lexer.peek(), "AND, OR or the end of the condition");
    }
    return c;
  }

  private Condition or() {
    List<Condition> operands = new ArrayList<>();
    addFlat(operands, and(), Or.class);
    while (lexer.peek().type() == Type.OR) {
      lexer.next();
      addFlat(operands, and(), Or.class);
    }
    return operands.size() == 1 ? operands.get(0) : new Or(operands);
  }

  private Condition and() {
    List<Condition> operands = new ArrayList<>();
    addFlat(operands, unary(), And.class);
    while (lexer.peek().type() == Type.AND) {
      lexer.next();
      addFlat(operands, unary(), And.class);
    }
    return operands.size() == 1 ? operands.get(0) : new And(operands);
  }

  // (a AND b) AND c is a AND b AND c: one canonical form per meaning.
  private static void addFlat(
      List<Condition> operands, Condition c, Class<? extends Condition> kind) {
    if (kind.isInstance(c)) {
      operands.addAll(c instanceof And a ? a.operands() : ((Or) c).operands());
    } else {
      operands.add(c);
    }
  }

  private Condition unary() {
    Token t = lexer.next();
    switch (t.type()) {
      case NOT:
        return new Not(unary());
      case LPAREN:
        Condition inner = or();
        if (lexer.peek().type() != Type.RPAREN) {
          throw error(lexer.peek(), "AND, OR or ')' for the '(' at position " + t.position());
        }
        lexer.next();
        return inner;
      case TERM:
        return term(t);
      case WORD:
        if (ConditionKey.byText(t.text()).isPresent()) {
          throw new ConditionSyntaxException(
              src, t.end(), "':' and a value after the key", null, "");
        }
        throw error(t, TERM_START, Suggestions.didYouMean(t.text(), ConditionKey.TEXTS));
      default:
        throw error(t, TERM_START);
    }
  }

  private Term term(Token t) {
    ConditionKey key =
        ConditionKey.byText(t.text())
            .orElseThrow(
                () ->
                    new ConditionSyntaxException(
                        src,
                        t.position(),
                        "a known key",
                        "'" + t.text() + "'",
                        Suggestions.didYouMean(t.text(), ConditionKey.TEXTS)));
    return new Term(key, values.compile(key, t.value()));
  }

  private ConditionSyntaxException error(Token t, String expected) {
    return error(t, expected, "");
  }

  private ConditionSyntaxException error(Token t, String expected, String hint) {
    String found = t.type() == Type.END ? null : t.describe();
    return new ConditionSyntaxException(src, t.position(), expected, found, hint);
  }
}
