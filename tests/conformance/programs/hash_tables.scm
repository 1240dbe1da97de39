;;; Checks Guile's native hash tables: make-hash-table, hash-set!, hash-ref
;;; with and without a default, hash-remove!, hash-count, hash-for-each,
;;; hash-map->list and hash-fold.  Results are sorted before printing
;;; because iteration order is unspecified.

(define table (make-hash-table))
(hash-set! table "apple" 3)
(hash-set! table "banana" 5)
(hash-set! table "cherry" 7)
(hash-set! table "apple" 4)

(write (hash-ref table "apple")) (newline)
(write (hash-ref table "missing")) (newline)
(write (hash-ref table "missing" 'default)) (newline)
(write (hash-count (const #t) table)) (newline)

(hash-remove! table "banana")
(write (hash-ref table "banana" 'gone)) (newline)

(define (pair<? a b) (string<? (car a) (car b)))
(write (sort (hash-map->list cons table) pair<?)) (newline)

(define keys '())
(hash-for-each (lambda (k v) (set! keys (cons k keys))) table)
(write (sort keys string<?)) (newline)
(write (hash-fold (lambda (k v acc) (+ v acc)) 0 table)) (newline)

(define by-symbol (make-hash-table))
(hashq-set! by-symbol 'x 1)
(hashq-set! by-symbol 'y 2)
(write (list (hashq-ref by-symbol 'x) (hashq-ref by-symbol 'z 'none)))
(newline)

(define counts (make-hash-table))
(for-each (lambda (w) (hash-set! counts w (+ 1 (hash-ref counts w 0))))
          '(a b a c b a))
(write (sort (hash-map->list list counts)
             (lambda (a b) (string<? (symbol->string (car a))
                                     (symbol->string (car b))))))
(newline)
(write (hash-table? counts)) (newline)
(hash-clear! counts)
(write (hash-count (const #t) counts)) (newline)
(write (hash-ref (let ((h (make-hash-table)))
                   (hash-set! h '(1 2) 'list-key)
                   h)
                 (list 1 2)))
(newline)
