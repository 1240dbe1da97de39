;;; Checks syntax-rules basics: several clauses, literals, recursive macros,
;;; macros expanding into definitions, and the _ placeholder.

(define-syntax my-or
  (syntax-rules ()
    ((_) #f)
    ((_ e) e)
    ((_ e rest ...) (let ((t e)) (if t t (my-or rest ...))))))
(write (list (my-or) (my-or #f 2) (my-or #f #f))) (newline)

(define-syntax swap!
  (syntax-rules ()
    ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp)))))
(define x 1)
(define y 2)
(swap! x y)
(write (list x y)) (newline)

(define-syntax for
  (syntax-rules (in from to)
    ((_ v in lst body ...) (for-each (lambda (v) body ...) lst))
    ((_ v from lo to hi body ...)
     (let loop ((v lo)) (when (<= v hi) body ... (loop (+ v 1)))))))
(for e in '(a b c) (display e))
(newline)
(for i from 1 to 5 (display i))
(newline)

(define-syntax define-getter
  (syntax-rules ()
    ((_ name value) (define (name) value))))
(define-getter get-answer 42)
(write (get-answer)) (newline)

(define-syntax while
  (syntax-rules ()
    ((_ cond body ...) (let lp () (when cond body ... (lp))))))
(define n 0)
(while (< n 5) (set! n (+ n 1)))
(write n) (newline)

(define-syntax my-cond
  (syntax-rules (else)
    ((_ (else e ...)) (begin e ...))
    ((_ (c e ...) clause ...) (if c (begin e ...) (my-cond clause ...)))))
(write (my-cond (#f 1) ((= 1 1) 2) (else 3))) (newline)
(write (my-cond (#f 1) (else 3))) (newline)

(define-syntax unless-zero
  (syntax-rules ()
    ((_ n expr) (if (zero? n) 'zero expr))))
(write (list (unless-zero 0 (car '())) (unless-zero 1 'nonzero))) (newline)
