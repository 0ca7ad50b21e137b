package io.matscreen.structure.io;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A strict reader of CIF 1.1 syntax: data blocks, items, loops, quoted strings, semicolon text
 * fields, comments, {@code ?} and {@code .}. Any departure from the syntax raises {@link
 * StructureFormatException} with the line; save frames and global blocks are refused.
 */
public final class CifParser {

  private enum TokenType {
    DATA,
    LOOP,
    TAG,
    VALUE
  }

  private record Token(TokenType type, String text, int line, CifValue.Kind kind) {}

  private final String source;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;

  private CifParser(String source) {
    this.source = source;
  }

  /** Parses raw bytes: they must be text (UTF-8/ASCII) without control characters. */
  public static List<CifBlock> parse(byte[] bytes, String source) {
    int line = 1;
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c == '\n') {
        line++;
      } else if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f) {
        throw new StructureFormatException(
            source,
            line,
            String.format(
                Locale.ROOT, "control character 0x%02x: not a CIF text file (binary data?)", c));
      }
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new StructureFormatException(
          source, firstBadUtf8Line(bytes), "not ASCII/UTF-8 text (binary data?)", e);
    }
    return parse(text, source);
  }

  private static int firstBadUtf8Line(byte[] bytes) {
    int start = 0;
    int line = 1;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        try {
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, start, i - start));
        } catch (CharacterCodingException e) {
          return line;
        }
        start = i + 1;
        line++;
      }
    }
    return 0;
  }

  /** Parses CIF text into its data blocks. */
  public static List<CifBlock> parse(String text, String source) {
    CifParser p = new CifParser(source);
    p.tokenize(text);
    return p.blocks();
  }

  private StructureFormatException error(int line, String problem) {
    return new StructureFormatException(source, line, problem);
  }

  private void tokenize(String text) {
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int lineNo = i + 1;
      for (int k = 0; k < line.length(); k++) {
        char c = line.charAt(k);
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
          throw error(
              lineNo, String.format(Locale.ROOT, "control character 0x%02x not allowed", (int) c));
        }
      }
      if (line.startsWith(";")) {
        if (tokens.isEmpty()) {
          throw beforeData(line, lineNo);
        }
        StringBuilder field = new StringBuilder(line.substring(1));
        int j = i + 1;
        while (j < lines.length && !lines[j].startsWith(";")) {
          field.append('\n').append(lines[j]);
          j++;
        }
        if (j >= lines.length) {
          throw error(lineNo, "text field opened with ';' is never closed");
        }
        tokens.add(new Token(TokenType.VALUE, field.toString(), lineNo, CifValue.Kind.TEXT_FIELD));
        // the closing ';' line may carry more tokens after the semicolon
        lines[j] = " " + lines[j].substring(1);
        i = j - 1;
        continue;
      }
      tokenizeLine(line, lineNo);
    }
  }

  private void tokenizeLine(String line, int lineNo) {
    int k = 0;
    int n = line.length();
    while (k < n) {
      char c = line.charAt(k);
      if (c == ' ' || c == '\t') {
        k++;
        continue;
      }
      if (c == '#') {
        return;
      }
      if (c == '\'' || c == '"') {
        int close = -1;
        for (int j = k + 1; j < n; j++) {
          if (line.charAt(j) == c && (j + 1 == n || Character.isWhitespace(line.charAt(j + 1)))) {
            close = j;
            break;
          }
        }
        if (tokens.isEmpty()) {
          throw beforeData(line.substring(k), lineNo);
        }
        if (close < 0) {
          throw error(
              lineNo,
              "quoted string starting "
                  + c
                  + " at column "
                  + (k + 1)
                  + " is not closed on its line");
        }
        tokens.add(
            new Token(TokenType.VALUE, line.substring(k + 1, close), lineNo, CifValue.Kind.QUOTED));
        k = close + 1;
        continue;
      }
      int end = k;
      while (end < n && line.charAt(end) != ' ' && line.charAt(end) != '\t') {
        end++;
      }
      String word = line.substring(k, end);
      if (tokens.isEmpty() && !word.toLowerCase(Locale.ROOT).startsWith("data_")) {
        throw beforeData(word, lineNo);
      }
      tokens.add(classify(word, lineNo));
      k = end;
    }
  }

  private StructureFormatException beforeData(String text, int lineNo) {
    return error(
        lineNo, "'" + abbreviate(text) + "' before the first data_ block header (not a CIF file?)");
  }

  private Token classify(String word, int lineNo) {
    String lower = word.toLowerCase(Locale.ROOT);
    if (word.startsWith("_")) {
      if (word.length() == 1) {
        throw error(lineNo, "empty data name '_'");
      }
      return new Token(TokenType.TAG, lower, lineNo, null);
    }
    if (lower.startsWith("data_")) {
      if (word.length() == 5) {
        throw error(lineNo, "data block header 'data_' without a name");
      }
      return new Token(TokenType.DATA, word.substring(5), lineNo, null);
    }
    if (lower.equals("loop_")) {
      return new Token(TokenType.LOOP, word, lineNo, null);
    }
    if (lower.startsWith("save_")) {
      throw error(lineNo, "save frames ('" + word + "') are not allowed in a CIF data file");
    }
    if (lower.equals("global_")) {
      throw error(lineNo, "global_ blocks are not allowed in a CIF data file");
    }
    if (lower.equals("stop_")) {
      throw error(lineNo, "stop_ is reserved and not allowed in CIF 1.1");
    }
    if (word.startsWith("$")) {
      throw error(lineNo, "save-frame reference '" + word + "' is not allowed");
    }
    if (word.startsWith("[") || word.startsWith("]")) {
      throw error(lineNo, "unquoted value may not start with '[' or ']' in CIF 1.1: " + word);
    }
    if (word.equals("?")) {
      return new Token(TokenType.VALUE, word, lineNo, CifValue.Kind.UNKNOWN);
    }
    if (word.equals(".")) {
      return new Token(TokenType.VALUE, word, lineNo, CifValue.Kind.INAPPLICABLE);
    }
    return new Token(TokenType.VALUE, word, lineNo, CifValue.Kind.UNQUOTED);
  }

  private List<CifBlock> blocks() {
    List<CifBlock> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    if (!tokens.isEmpty() && tokens.get(0).type() != TokenType.DATA) {
      Token t = tokens.get(0);
      throw error(t.line(), "'" + t.text() + "' before the first data_ block header");
    }
    while (pos < tokens.size()) {
      Token header = tokens.get(pos++);
      String key = header.text().toLowerCase(Locale.ROOT);
      if (!names.add(key)) {
        throw error(header.line(), "data block name '" + header.text() + "' is used twice");
      }
      out.add(block(header));
    }
    if (out.isEmpty()) {
      throw error(0, "no data_ block (empty or not a CIF file)");
    }
    return out;
  }

  private CifBlock block(Token header) {
    Map<String, CifValue> items = new LinkedHashMap<>();
    List<CifLoop> loops = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    while (pos < tokens.size() && tokens.get(pos).type() != TokenType.DATA) {
      Token t = tokens.get(pos++);
      switch (t.type()) {
        case TAG -> {
          if (!seen.add(t.text())) {
            throw error(
                t.line(), "data name " + t.text() + " appears twice in block " + header.text());
          }
          if (pos >= tokens.size() || tokens.get(pos).type() != TokenType.VALUE) {
            throw error(t.line(), "data name " + t.text() + " has no value");
          }
          Token v = tokens.get(pos++);
          items.put(t.text(), new CifValue(v.text(), v.line(), v.kind()));
        }
        case LOOP -> loops.add(loop(t, seen, header));
        case VALUE ->
            throw error(t.line(), "value '" + abbreviate(t.text()) + "' has no data name");
        default -> throw new IllegalStateException("unexpected token " + t);
      }
    }
    return new CifBlock(header.text(), header.line(), items, loops);
  }

  private CifLoop loop(Token loopToken, Set<String> seen, Token header) {
    List<String> tags = new ArrayList<>();
    while (pos < tokens.size() && tokens.get(pos).type() == TokenType.TAG) {
      Token t = tokens.get(pos++);
      if (!seen.add(t.text())) {
        throw error(t.line(), "data name " + t.text() + " appears twice in block " + header.text());
      }
      tags.add(t.text());
    }
    if (tags.isEmpty()) {
      throw error(loopToken.line(), "loop_ without data names");
    }
    List<CifValue> values = new ArrayList<>();
    while (pos < tokens.size() && tokens.get(pos).type() == TokenType.VALUE) {
      Token v = tokens.get(pos++);
      values.add(new CifValue(v.text(), v.line(), v.kind()));
    }
    if (values.isEmpty()) {
      throw error(loopToken.line(), "loop_ of " + tags.get(0) + " has no values");
    }
    if (values.size() % tags.size() != 0) {
      int lastLine = values.get(values.size() - 1).line();
      throw error(
          lastLine,
          "loop_ of "
              + tags.get(0)
              + " (line "
              + loopToken.line()
              + ") has "
              + values.size()
              + " values for "
              + tags.size()
              + " data names: the last row is incomplete");
    }
    List<List<CifValue>> rows = new ArrayList<>();
    for (int i = 0; i < values.size(); i += tags.size()) {
      rows.add(values.subList(i, i + tags.size()));
    }
    return new CifLoop(tags, rows, loopToken.line());
  }

  private static String abbreviate(String s) {
    String one = s.replace('\n', ' ');
    return one.length() > 40 ? one.substring(0, 40) + "…" : one;
  }
}
