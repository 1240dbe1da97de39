;;; Checks string ports: with-output-to-string, call-with-output-string,
;;; open-output-string/get-output-string, open-input-string with read,
;;; read-char, peek-char, eof-object?, read-line and read-delimited from
;;; (ice-9 rdelim), and with-input-from-string.

(use-modules (ice-9 rdelim))

(write (with-output-to-string (lambda () (display "hi ") (write "there"))))
(newline)
(write (call-with-output-string
        (lambda (port) (display 42 port) (write-char #\! port))))
(newline)
(define out (open-output-string))
(write 'sym out)
(display " " out)
(write '(1 "a") out)
(write (get-output-string out)) (newline)

(define in (open-input-string "(a b) 42 \"str\" #t"))
(write (read in)) (newline)
(write (read in)) (newline)
(write (read in)) (newline)
(write (read in)) (newline)
(write (eof-object? (read in))) (newline)

(define chars (open-input-string "xyz"))
(write (peek-char chars)) (newline)
(write (read-char chars)) (newline)
(write (read-char chars)) (newline)
(write (read-char chars)) (newline)
(write (eof-object? (read-char chars))) (newline)
(write (eof-object? (peek-char chars))) (newline)

(define lines (open-input-string "first line\nsecond\n\nlast"))
(let loop ((line (read-line lines)) (acc '()))
  (if (eof-object? line)
      (begin (write (reverse acc)) (newline))
      (loop (read-line lines) (cons line acc))))

(write (read-delimited ",;" (open-input-string "field1,field2"))) (newline)
(write (with-input-from-string "(+ 1 2) more" read)) (newline)
(write (read (open-input-string "#(1 2) 'q `(a ,b)"))) (newline)
(define q (open-input-string "'q `(a ,b)"))
(write (read q)) (newline)
(write (read q)) (newline)
(write (call-with-input-string "hello" (lambda (p) (read-char p)))) (newline)
(write (read-string (open-input-string "abcdef") 3)) (newline)
