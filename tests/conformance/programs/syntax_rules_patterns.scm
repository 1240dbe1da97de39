;;; Checks syntax-rules pattern matching: nested ellipses, ellipses after
;;; fixed elements, dotted patterns, vector patterns and quoted templates.

(define-syntax my-let*
  (syntax-rules ()
    ((_ () body ...) (let () body ...))
    ((_ ((n v) rest ...) body ...)
     (let ((n v)) (my-let* (rest ...) body ...)))))
(write (my-let* ((a 1) (b (+ a 1)) (c (* b 3))) (list a b c))) (newline)

(define-syntax flatten-pairs
  (syntax-rules ()
    ((_ (k v ...) ...) '((k ... ) (v ... ...)))))
(write (flatten-pairs (a 1 2) (b 3) (c))) (newline)

(define-syntax nested
  (syntax-rules ()
    ((_ (name (field value) ...) ...)
     '((name (field . value) ...) ...))))
(write (nested (x (a 1) (b 2)) (y) (z (c 3)))) (newline)

(define-syntax dotted
  (syntax-rules ()
    ((_ a . rest) '(first a rest rest))))
(write (dotted 1 2 3)) (newline)
(write (dotted 1)) (newline)

(define-syntax tail-match
  (syntax-rules ()
    ((_ a ... z) '(last z init a ...))))
(write (tail-match 1 2 3 4)) (newline)

(define-syntax vec
  (syntax-rules ()
    ((_ #(a b ...)) (list 'head a 'rest b ...))))
(write (vec #(1 2 3))) (newline)

(define-syntax make-vec
  (syntax-rules ()
    ((_ x ...) #(x ... end))))
(write (make-vec 1 2)) (newline)

(define-syntax count-args
  (syntax-rules ()
    ((_) 0)
    ((_ x y ...) (+ 1 (count-args y ...)))))
(write (count-args a b c d e)) (newline)

(define-syntax my-list-of-lists
  (syntax-rules ()
    ((_ (x ...) ...) (list (list x ...) ...))))
(write (my-list-of-lists (1 2) () (3))) (newline)

(define-syntax kv
  (syntax-rules (=>)
    ((_ (k => v) ...) (list (cons 'k v) ...))))
(write (kv (a => 1) (b => (+ 1 1)))) (newline)
